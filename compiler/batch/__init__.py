"""Batches: inputs and worker processes (run), what a worker returns (outcome), where the results
go (sinks), and the DuckDB and Parquet writers (database)."""
