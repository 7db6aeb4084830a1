"""The DuckDB warehouse: schema migrations, batch loading, read-only queries. The only writer."""
