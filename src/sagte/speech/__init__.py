"""Reported speech: direct quotes, indirect speech, and their frames."""
