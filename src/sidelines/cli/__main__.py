"""`python -m sidelines.cli ...` runs the command line."""

from sidelines.cli.app import app

app()
