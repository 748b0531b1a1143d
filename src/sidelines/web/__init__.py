"""The web page and JSON API: ``create_app(db_path)`` and the ``sidelines serve`` command."""
