"""Resolution: who (actors), when (dates), where (places) and at what occasion, in an article's context."""
