package facts

import (
	"context"
	"database/sql"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico/internal/storetest"
)

// TestEverySQLFileParses prepares every fact on a migrated, empty store:
// a misspelt column or a rule macro that does not exist fails here, not in
// a report. Every file must also be named by the package's Go code, so no
// query is left behind when its function goes.
func TestEverySQLFileParses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	var src strings.Builder
	gos, _ := filepath.Glob("*.go")
	for _, g := range gos {
		if strings.HasSuffix(g, "_test.go") {
			continue
		}
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		src.Write(b)
	}
	// The analysis' files read its working tables: made first, on the
	// connection every file is then prepared on.
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	an := &anConn{conn: conn, args: []any{sql.Named("from", time.Now()), sql.Named("to", time.Now()), sql.Named("at", time.Now()),
		sql.Named("dormant", 1), sql.Named("months", 1), sql.Named("default_term", 30), sql.Named("limit", 1)}}
	if err := an.exec(ctx, "an_prepare"); err != nil {
		t.Fatal(err)
	}
	if err := an.istanze(ctx); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"an_procedure"} {
		if err := an.exec(ctx, name); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	names, err := fs.Glob(files, "*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("no fact embedded (%v)", err)
	}
	for _, n := range names {
		name := strings.TrimSuffix(n, ".sql")
		q := text(name)
		if agg, ok := strings.CutPrefix(name, "regional_"); ok {
			// Named by RegionalFacts; the ClickHouse text is run by the
			// cluster test (clickhouse/), DuckDB's prepared here.
			agg, dialect, _ := strings.Cut(agg, ".")
			if !slices.Contains(RegionalFacts, agg) {
				t.Errorf("%s: not in RegionalFacts", n)
			}
			if dialect != "" {
				if _, err := files.ReadFile("regional_" + agg + ".sql"); err != nil {
					t.Errorf("%s: no DuckDB text beside it", n)
				}
				continue
			}
			q = RegionalText(agg, DuckDB, RegionalParams{At: time.Now(), FullTimeHours: 36})
		} else if !strings.Contains(src.String(), `"`+name+`"`) {
			t.Errorf("%s: no Go function names it", n)
		}
		switch {
		case name == "an_prepare" || name == "an_procedure" || name == "an_drop" || strings.HasPrefix(name, "kept_") && name != "kept_version":
			continue // run above, or multi-statement
		case name == "an_flows":
			q = strings.Replace(q, "/*events*/", eventsText(true), 1)
		case name == "open_counts" || name == "open_events_kept":
			q = openCountsText(true)
		case name == "dormant_kept":
			q, _ = dormantText(true, time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC))
		case name == "audit_dormant":
			d, _ := dormantText(true, time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))
			q = strings.Replace(text("audit_findings"), "/*offending*/", strings.Replace(q, "/*dormant*/", d, 1), 1)
		case name == "audit_findings":
			continue // prepared with each rule below
		case name == "queue_istanze":
			q = queueIstanzeText()
		case strings.HasPrefix(name, "audit_") && !strings.HasPrefix(name, "audit_base") && !strings.HasSuffix(name, ".base"):
			q = strings.Replace(text("audit_findings"), "/*offending*/", q, 1)
		}
		stmt, err := conn.PrepareContext(ctx, q)
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		stmt.Close()
	}
}

// TestRegionalTextsBeside: every regional aggregate has its DuckDB text
// and, beside it, its ClickHouse text, with the values written in.
func TestRegionalTextsBeside(t *testing.T) {
	t.Parallel()
	p := RegionalParams{From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
		At: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), FullTimeHours: 38}
	for _, name := range RegionalFacts {
		for _, d := range []string{DuckDB, ClickHouse} {
			file := "regional_" + name
			if d != DuckDB {
				file += "." + d
			}
			if _, err := files.ReadFile(file + ".sql"); err != nil {
				t.Errorf("%s: no %q text: %v", name, d, err)
				continue
			}
			q := RegionalText(name, d, p)
			if strings.Contains(q, "$") {
				t.Errorf("%s (%q): a parameter left unwritten:\n%s", name, d, q)
			}
		}
	}
	if q := RegionalText("staffing", ClickHouse, p); !strings.Contains(q, "/ 38 *") || !strings.Contains(q, "CAST('2025-12-31' AS DATE)") {
		t.Errorf("staffing text without the values of p:\n%s", q)
	}
}
