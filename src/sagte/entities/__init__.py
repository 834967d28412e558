"""Entities within an article: mentions grouped into one entity per referent."""
