//go:build !duckdb_arrow

package ingest

// The importer streams rows into DuckDB through DuckDB's Arrow interface,
// which duckdb-go compiles only with the build tag duckdb_arrow. Build and
// test with -tags duckdb_arrow: the Makefile sets it through GOFLAGS.
const _ = build_with_tags_duckdb_arrow
