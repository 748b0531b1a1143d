"""Writing the store out: events and quotes (JSON, CSV, Parquet), coded GDELT / PLOVER tables."""
