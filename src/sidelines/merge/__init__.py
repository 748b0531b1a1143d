"""Merging: the mentions of one engagement within an article, then reports across articles, into events."""
