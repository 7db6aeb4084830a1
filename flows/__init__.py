"""Prefect flows: thin wiring of tasks around the parse, extract and load functions."""
