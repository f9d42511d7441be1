package main

import (
	"embed"
	"strings"
)

// duckdbFiles holds the licences of the libraries DuckDB bundles, copied
// from DuckDB's own source tree (duckdb/README.md says from where).
//
//go:embed duckdb/*.LICENSE duckdb/*.NOTICES
var duckdbFiles embed.FS

// duckdbLib is one library bundled inside DuckDB, in both carico's static
// Linux build and Windows's duckdb.dll.
type duckdbLib struct {
	Name    string
	License string   // SPDX expression, as the file reads
	Files   []string // in duckdb/
	Archive string   // the static library duckdb-go-bindings links it from, "" when inside libduckdb_static.a
}

// duckdbLibs lists DuckDB's bundled libraries. Licences marked
// LicenseRef- are not open-source licences: the TPC's benchmark
// generators, which DuckDB's tpch and tpcds extensions link, come under
// the TPC's own terms.
var duckdbLibs = []duckdbLib{
	{"Apache Parquet (parquet extension)", "Apache-2.0", []string{"parquet.LICENSE"}, "libparquet_extension.a"},
	{"Apache Thrift (parquet extension)", "Apache-2.0", []string{"thrift.LICENSE"}, "libparquet_extension.a"},
	{"Brotli (parquet extension)", "MIT", []string{"brotli.LICENSE"}, "libparquet_extension.a"},
	{"concurrentqueue", "BSD-2-Clause OR BSL-1.0", []string{"concurrentqueue.LICENSE"}, ""},
	{"cpp-httplib", "MIT", []string{"httplib.LICENSE"}, ""},
	{"fast_float", "MIT", []string{"fast_float.LICENSE"}, ""},
	{"FastPFor", "Apache-2.0", []string{"fastpforlib.LICENSE"}, "libduckdb_fastpforlib.a"},
	{"fmt", "MIT", []string{"fmt.LICENSE"}, "libduckdb_fmt.a"},
	{"FSST", "MIT", []string{"fsst.LICENSE"}, "libduckdb_fsst.a"},
	{"HyperLogLog", "MIT", []string{"hyperloglog.LICENSE"}, "libduckdb_hyperloglog.a"},
	{"ICU (icu extension)", "Unicode-DFS-2016 AND ICU", []string{"icu.LICENSE"}, "libicu_extension.a"},
	{"jaro_winkler", "MIT", []string{"jaro_winkler.LICENSE"}, ""},
	{"jemalloc", "BSD-2-Clause", []string{"jemalloc.LICENSE"}, "libduckdb_jemalloc.a"},
	{"libpg_query", "BSD-3-Clause AND PostgreSQL", []string{"libpg_query.LICENSE"}, "libduckdb_pg_query.a"},
	{"LZ4 (parquet extension)", "BSD-2-Clause", []string{"lz4.LICENSE"}, "libparquet_extension.a"},
	{"Mbed TLS", "Apache-2.0 OR GPL-2.0-or-later (Apache-2.0 scelta)", []string{"mbedtls.LICENSE"}, "libduckdb_mbedtls.a"},
	{"miniz", "MIT", []string{"miniz.LICENSE"}, "libduckdb_miniz.a"},
	{"PCG random", "MIT", []string{"pcg.LICENSE"}, ""},
	{"pdqsort", "Zlib", []string{"pdqsort.LICENSE"}, ""},
	{"RE2", "BSD-3-Clause", []string{"re2.LICENSE"}, "libduckdb_re2.a"},
	{"ska_sort", "BSL-1.0", []string{"ska_sort.LICENSE"}, ""},
	{"skiplist", "MIT", []string{"skiplist.LICENSE"}, "libduckdb_skiplistlib.a"},
	{"Snappy (parquet extension)", "BSD-3-Clause", []string{"snappy.LICENSE"}, "libparquet_extension.a"},
	{"t-digest", "Apache-2.0", []string{"tdigest.LICENSE", "tdigest.NOTICES"}, ""},
	{"TPC-DS dsdgen (tpcds extension)", "LicenseRef-TPC", []string{"tpcds-dsdgen.LICENSE"}, "libtpcds_extension.a"},
	{"TPC-H dbgen (tpch extension)", "LicenseRef-TPC-EULA", []string{"tpch-dbgen.LICENSE"}, "libtpch_extension.a"},
	{"utf8proc", "MIT AND Unicode-DFS-2015", []string{"utf8proc.LICENSE"}, "libduckdb_utf8proc.a"},
	{"vergesort", "MIT", []string{"vergesort.LICENSE"}, ""},
	{"yyjson (json extension)", "MIT", []string{"yyjson.LICENSE"}, "libduckdb_yyjson.a"},
	{"Zstandard", "BSD-3-Clause", []string{"zstd.LICENSE"}, "libduckdb_zstd.a"},
}

// duckdbOwn are the static libraries of DuckDB itself, under DuckDB's
// MIT licence (the duckdb-go-bindings entry among the Go modules).
var duckdbOwn = []string{"libduckdb_static.a", "libduckdb_generated_extension_loader.a",
	"libautocomplete_extension.a", "libcore_functions_extension.a", "libjson_extension.a"}

// duckdbComponents are the bundled libraries as notice entries; version is
// the DuckDB release they come with.
func duckdbComponents(version string) ([]component, error) {
	comps := make([]component, 0, len(duckdbLibs))
	for _, l := range duckdbLibs {
		c := component{Name: l.Name, Version: "DuckDB " + version, Source: "dentro DuckDB", Licenses: []string{l.License}}
		for _, f := range l.Files {
			b, err := duckdbFiles.ReadFile("duckdb/" + f)
			if err != nil {
				return nil, err
			}
			c.Texts = append(c.Texts, strings.TrimSpace(strings.ReplaceAll(string(b), "\r\n", "\n")))
		}
		comps = append(comps, c)
	}
	return comps, nil
}
