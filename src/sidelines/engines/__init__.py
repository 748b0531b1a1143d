"""Engines that run the same stages at scale: worker processes on one machine (``local``) and Apache
Spark (``spark``), whose Parquet output ``load`` brings into a DuckDB store."""
