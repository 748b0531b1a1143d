"""The DuckDB store: schema and migrations, idempotent writes, and the one query layer."""

from sidelines.store.database import SCHEMA_VERSION, TABLES, Store
from sidelines.store.queries import Filters

__all__ = ["SCHEMA_VERSION", "TABLES", "Filters", "Store"]
