"""Finding engagements and statements in annotated documents."""
