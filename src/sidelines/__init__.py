"""sidelines: news about diplomacy in, one clean record per real engagement out."""

__version__ = "0.1.0"
