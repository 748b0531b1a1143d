"""The command line (`sidelines ...`): argument parsing and printing over the library."""

from sidelines.cli.app import app

__all__ = ["app"]
