"""The language model: the packaged spaCy pipeline with the components sidelines adds to it."""
