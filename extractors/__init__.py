"""Rule-based extractors: a parsed Document in, typed records out. No I/O here."""
