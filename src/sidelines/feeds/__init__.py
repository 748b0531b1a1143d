"""Following the news: RSS/Atom feeds and web pages, fetched politely and ingested as they appear.

``fetch`` is a polite HTTP client (robots.txt, a per-host delay, conditional requests, retries with
back-off, a size cap, a redirect limit); ``log`` records what was fetched in the store's DuckDB file;
``feeds`` reads RSS/Atom bytes; ``pages`` turns fetched pages into Articles; ``watch`` is the poll loop.
"""
