package clickhouse_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/carico/carico/clickhouse"
	"github.com/carico/carico/internal/benchdb"
	"github.com/carico/carico/model"
	"github.com/carico/carico/regional"
	"github.com/carico/carico/store"
)

// The Region on both engines: n synthetic Ambiti (internal/benchdb), each
// built in a database of its own as each service has one, exported to
// one Parquet directory (read back by DuckDB, as `carico metrics
// --parquet` does) and loaded into the two-shard cluster. The regional
// aggregates computed on each must be the same figures.

// regionKey is the pseudonym key every Ambito of the test exports with.
var regionKey = []byte("chiave di prova della regione....")

// loadRegion builds Ambiti 1…n of scale s, exports each into dir and
// loads each into cl.
func loadRegion(tb testing.TB, cl clickhouse.Cluster, dir string, n int, s benchdb.Scale) {
	tb.Helper()
	ctx := context.Background()
	for i := 1; i <= n; i++ {
		db, err := store.Open(ctx, "")
		if err != nil {
			tb.Fatal(err)
		}
		if err := benchdb.Fill(ctx, db, s, i); err != nil {
			tb.Fatal(err)
		}
		if _, err := store.ExportParquet(ctx, db, dir, regionKey); err != nil {
			tb.Fatal(err)
		}
		csv := filepath.Join(tb.TempDir(), strconv.Itoa(i))
		tables, err := store.ExportCSV(ctx, db, csv, regionKey)
		if err != nil {
			tb.Fatal(err)
		}
		if err := cl.Load(ctx, tables); err != nil {
			tb.Fatal(err)
		}
		db.Close()
		os.RemoveAll(csv)
	}
}

// bothEngines computes the regional aggregates on the cluster and, with
// the same SQL, in db.
func bothEngines(t testing.TB, cl clickhouse.Cluster, db *store.DB, p regional.Params) (onCluster, inDuckDB *regional.Aggregates) {
	t.Helper()
	ctx := context.Background()
	onCluster, err := regional.Compute(ctx, cl.Nodes[0], p)
	if err != nil {
		t.Fatal(err)
	}
	if inDuckDB, err = regional.Compute(ctx, regional.SQLEngine{DB: db.DB}, p); err != nil {
		t.Fatal(err)
	}
	return onCluster, inDuckDB
}

// regionParams are the aggregates' period, the last year of the data.
func regionParams() regional.Params {
	p := regional.Params{From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), Config: model.DefaultConfig()}
	p.At = p.To
	return p
}

// asCollection writes the cluster's aggregates the way DuckDB reads a
// collection of several Ambiti: an operator is "CODE/ID" in an Ambito of
// its own (""), and the Ambito of a comune is its name.
func asCollection(a *regional.Aggregates, names map[string]string) {
	for i, c := range a.TimeSplit {
		a.TimeSplit[i].Operator, a.TimeSplit[i].Ambito = c.Ambito+"/"+c.Operator, ""
	}
	sort.Slice(a.TimeSplit, func(i, j int) bool {
		x, y := a.TimeSplit[i], a.TimeSplit[j]
		return fmt.Sprint(x.Ambito, x.Operator, x.Month, x.Kind) < fmt.Sprint(y.Ambito, y.Operator, y.Month, y.Kind)
	})
	for i, s := range a.Staffing {
		a.Staffing[i].Ambito = names[s.Ambito]
	}
	sort.Slice(a.Staffing, func(i, j int) bool {
		return a.Staffing[i].Ambito+"|"+a.Staffing[i].ISTAT < a.Staffing[j].Ambito+"|"+a.Staffing[j].ISTAT
	})
}

// ambitoNames maps each Ambito's code to its name, from the manifests.
func ambitoNames(n int) map[string]string {
	names := map[string]string{}
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("Ambito %03d", i)
		names[store.AmbitoCode(name)] = name
	}
	return names
}

// TestClusterRegion loads three small Ambiti into the cluster and into one
// Parquet directory and checks that the regional aggregates are the same
// on both engines: the Ambiti number their operators and cartelle alike,
// so an aggregate that joined across Ambiti would count some twice.
func TestClusterRegion(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two servers")
	}
	bin := serverBinary(t)
	cl := startCluster(t, bin)
	dir := t.TempDir()
	const n = 3
	loadRegion(t, cl, dir, n, benchdb.Scale{Operators: 8, Cases: 600, People: 450, Activities: 12_000})
	ctx := context.Background()
	db, err := store.OpenParquet(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	onCluster, inDuckDB := bothEngines(t, cl, db, regionParams())
	asCollection(onCluster, ambitoNames(n))
	compareAggregates(t, onCluster, inDuckDB)
	if len(inDuckDB.Staffing) != n*16 { // 15 comuni and the Ambito
		t.Errorf("staffing: %d rows, want %d", len(inDuckDB.Staffing), n*16)
	}
}

// BenchmarkClusterRegion builds N Ambiti of the regional benchmark's size
// (CARICO_BENCH_AMBITI, default 10: 5 million diario rows), loads them
// into a two-shard cluster on this machine and into one Parquet
// directory, and times the regional aggregates on each: DuckDB over the
// Parquet files (the database opened beforehand, as `carico metrics
// --parquet` opens it) and the cluster, the best of three each. It fails
// if the figures differ.
//
//	CARICO_BENCH_AMBITI=10 go test ./clickhouse -run '^$' -bench ClusterRegion -benchtime 1x -timeout 1h
func BenchmarkClusterRegion(b *testing.B) {
	n := 10
	if s := os.Getenv("CARICO_BENCH_AMBITI"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 || n > 899 {
			b.Fatalf("CARICO_BENCH_AMBITI: %q", s)
		}
	}
	bin := serverBinary(b)
	cl := startCluster(b, bin)
	dir := b.TempDir()
	start := time.Now()
	loadRegion(b, cl, dir, n, benchdb.Ambito)
	b.Logf("%d Ambiti built, exported and loaded in %s", n, time.Since(start).Round(time.Second))
	ctx := context.Background()
	db, err := store.OpenParquet(ctx, dir, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	p := regionParams()
	names := ambitoNames(n)
	b.ResetTimer()
	for range b.N {
		var onCluster, inDuckDB *regional.Aggregates
		ch, err := best(func() (err error) { onCluster, err = regional.Compute(ctx, cl.Nodes[0], p); return err })
		if err != nil {
			b.Fatal(err)
		}
		dk, err := best(func() (err error) {
			inDuckDB, err = regional.Compute(ctx, regional.SQLEngine{DB: db.DB}, p)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		asCollection(onCluster, names)
		compareAggregates(b, onCluster, inDuckDB)
		b.ReportMetric(float64(n*benchdb.Ambito.Activities)/1e6, "Mrows")
		b.ReportMetric(dk.Seconds(), "duckdb-s")
		b.ReportMetric(ch.Seconds(), "clickhouse-s")
		b.ReportMetric(ch.Seconds()/dk.Seconds(), "clickhouse-x_duckdb")
	}
}

// best runs f three times and returns its shortest time.
func best(f func() error) (time.Duration, error) {
	shortest := time.Duration(1<<63 - 1)
	for range 3 {
		start := time.Now()
		if err := f(); err != nil {
			return 0, err
		}
		shortest = min(shortest, time.Since(start))
	}
	return shortest, nil
}
