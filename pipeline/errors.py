"""Failures that become a recorded document status instead of a crash."""
from __future__ import annotations


class ParseFailure(Exception):
    """A document that cannot be used: `status` is recorded, `message` says what to do."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status
        self.message = message
