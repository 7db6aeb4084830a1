"""Document and record models, and the parsers that turn raw bytes into documents."""
