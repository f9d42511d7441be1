package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carico/carico/internal/sampledb"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
)

// TestParquetExport imports the sample Ambito once, exports it to Parquet
// and runs the checks on the export.
func TestParquetExport(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the whole sample Ambito")
	}
	a := sampledata.Generate(sampledata.DefaultSeed)
	dbPath := sampledb.Write(t, a)
	addIstanze(t, dbPath)
	dir := t.TempDir()
	exportTo(t, dbPath, dir, sampledb.Secret)
	t.Run("RoundTrip", func(t *testing.T) { testParquetRoundTrip(t, dbPath, dir) })
	t.Run("NoPersonalData", func(t *testing.T) { testParquetNoPersonalData(t, a, dir) })
	t.Run("Manifests", func(t *testing.T) { testParquetManifests(t, dir) })
	t.Run("SeveralAmbiti", func(t *testing.T) { testParquetSeveralAmbiti(t, dbPath, dir) })
}

// addIstanze gives the sample, whose istanze live in its cartelle's own
// columns, rows of the istanze kind: the cartella's application, with a
// protocol number that names the cartella.
func addIstanze(t *testing.T, dbPath string) {
	t.Helper()
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(context.Background(), `INSERT INTO istanza (case_id, received, protocol, procedure, decision)
		SELECT id, application, 'prot. ' || id, 'contributo economico', decision FROM cases WHERE application IS NOT NULL`); err != nil {
		t.Fatal(err)
	}
}

func exportTo(t *testing.T, dbPath, dir string, key []byte) {
	t.Helper()
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := store.ExportParquet(context.Background(), db, dir, key); err != nil {
		t.Fatal(err)
	}
}

// testParquetRoundTrip checks that every canonical table reads back from the
// export with the rows it has in the database, and that the manifest
// counts them and never carries the key.
func testParquetRoundTrip(t *testing.T, dbPath, dir string) {
	ctx := context.Background()
	src, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	pq, err := store.OpenParquet(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer pq.Close()

	b, err := os.ReadFile(store.ManifestPath(dir, "ambito-di-seriate"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), string(sampledb.Secret)) {
		t.Fatal("the manifest carries the key")
	}
	var m store.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.KeyFingerprint != store.KeyFingerprint(sampledb.Secret) || m.KeyFingerprint == "" || m.AmbitoName != "Ambito di Seriate" {
		t.Fatalf("manifest: fingerprint %q, Ambito %q", m.KeyFingerprint, m.AmbitoName)
	}
	rows := map[string]int64{}
	for _, mt := range m.Tables {
		rows[mt.Name] = mt.Rows
	}
	for _, tb := range []struct{ dir, table, check string }{
		{"comuni", "comune", "sum(hash(istat, name, ambito, patron_day))"},
		{"residents", "residents", "sum(residents * year)"},
		{"staff", "operator", "sum(hash(id, role, weekly_hours, start_date))"},
		{"allocations", "allocation", "sum(share)"},
		{"absences", "absence", "sum(leave_days + sick_days + year)"},
		{"cartelle", "cases", "sum(hash(person, istat, area, opened, closed, decision, operator_id, batch_id))"},
		{"assignments", "assignment", "sum(hash(operator_id, from_date, to_date))"},
		{"activities", "activity", "sum(hash(day, start_time, operator_id, kind, minutes, istat, batch_id))"},
		{"istanze", "istanza", "sum(hash(received, procedure, decision, outcome, batch_id))"},
		{"imports", "import_batch", "sum(id + rows_read + rejected)"},
		{"rejected", "rejected_row", "sum(hash(batch_id, line, col, reason))"},
	} {
		q := "SELECT count(*), coalesce(" + tb.check + ", 0)::DOUBLE FROM " + tb.table
		var wantN, gotN int64
		var want, got float64
		if err := src.QueryRowContext(ctx, q).Scan(&wantN, &want); err != nil {
			t.Fatal(err)
		}
		if err := pq.QueryRowContext(ctx, q).Scan(&gotN, &got); err != nil {
			t.Fatalf("%s: %v", tb.table, err)
		}
		if gotN != wantN || got != want || rows[tb.dir] != wantN {
			t.Errorf("%s: %d rows (manifest %d), check %v; database %d rows, check %v", tb.dir, gotN, rows[tb.dir], got, wantN, want)
		}
		if wantN == 0 {
			t.Errorf("%s: the sample has no rows, the check proves nothing", tb.dir)
		}
	}
	// The case and intervention numbers leave as keyed pseudonyms, the
	// same number the same pseudonym in every table: they still join. The
	// files leave named by their content, not by the name the user gave.
	if _, err := pq.ExecContext(ctx, "ATTACH '"+dbPath+"' AS src (READ_ONLY)"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []struct{ what, sql string }{
		{"a case number in clear", `SELECT count(*) FROM cases c JOIN src.cases s ON s.id = c.id`},
		{"an activity number in clear", `SELECT count(*) FROM activity a JOIN src.activity s ON s.id = a.id`},
		{"a case number in clear in the diario", `SELECT count(*) FROM activity a JOIN src.cases s ON s.id = a.case_id`},
		{"an activity whose case does not join", `SELECT count(*) FROM activity a WHERE a.case_id IS NOT NULL AND a.case_id NOT IN (SELECT id FROM cases)`},
		{"an assignment whose case does not join", `SELECT count(*) FROM assignment a WHERE a.case_id NOT IN (SELECT id FROM cases)`},
		{"a case number in clear in the istanze", `SELECT count(*) FROM istanza i JOIN src.cases s ON s.id = i.case_id`},
		{"a protocol number in clear", `SELECT count(*) FROM istanza i JOIN src.istanza s ON s.protocol = i.protocol AND s.protocol <> ''`},
		{"an istanza whose case does not join", `SELECT count(*) FROM istanza i WHERE i.case_id NOT IN (SELECT id FROM cases)`},
		{"a file under the name it was imported with", `SELECT count(*) FROM import_batch i JOIN src.import_batch s ON regexp_extract(s.file, '[^/\\]*$') = i.file`},
		{"a rejected row under its file's name", `SELECT count(*) FROM rejected_row r JOIN src.import_batch s ON regexp_extract(s.file, '[^/\\]*$') = r.file`},
		{"a file not named by its content", `SELECT count(*) FROM import_batch WHERE NOT regexp_full_match(file, 'esportazione-[0-9a-f]{12}\.[A-Za-z0-9]+')`},
		{"a rejected row named otherwise than its file", `SELECT count(*) FROM rejected_row r JOIN import_batch i ON i.id = r.batch_id WHERE r.file <> i.file`},
	} {
		var n int
		if err := pq.QueryRowContext(ctx, q.sql).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q.what, err)
		}
		if n > 0 {
			t.Errorf("%d rows with %s", n, q.what)
		}
	}
	var id, pid string
	if err := pq.QueryRowContext(ctx, `SELECT s.id, c.id FROM src.cases s JOIN cases c ON c.opened = s.opened AND c.person = s.person LIMIT 1`).Scan(&id, &pid); err != nil {
		t.Fatal(err)
	}
	if pid != store.CasePseudonym(sampledb.Secret, id) {
		t.Errorf("case %s exported as %s, want %s", id, pid, store.CasePseudonym(sampledb.Secret, id))
	}
}

// testParquetSeveralAmbiti exports the sample twice, as two Ambiti, into
// one directory: no file is shared, both read back together with their
// identifiers kept apart, and each alone as it was.
func testParquetSeveralAmbiti(t *testing.T, dbPath, dir string) {
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `UPDATE comune SET ambito = 'Ambito di Prova'`); err != nil {
		t.Fatal(err)
	}
	before, _ := filepath.Glob(filepath.Join(dir, "*", "ambito=ambito-di-seriate", "**"))
	db.Close()
	exportTo(t, dbPath, dir, []byte("another key, another fingerprint"))
	after, _ := filepath.Glob(filepath.Join(dir, "*", "ambito=ambito-di-seriate", "**"))
	if len(before) == 0 || len(after) != len(before) {
		t.Fatalf("the second Ambito's export changed the first's files: %d before, %d after", len(before), len(after))
	}
	codes, err := store.ParquetAmbiti(dir)
	if err != nil || strings.Join(codes, ",") != "ambito-di-prova,ambito-di-seriate" {
		t.Fatalf("Ambiti %v, %v", codes, err)
	}
	both, err := store.OpenParquet(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer both.Close()
	one, err := store.OpenParquet(ctx, dir, []string{"ambito-di-prova"})
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	for _, table := range []string{"operator", "cases", "activity", "import_batch"} {
		var n1, d1, n2, d2 int
		q := "SELECT count(*), count(DISTINCT id) FROM " + table
		if err := one.QueryRowContext(ctx, q).Scan(&n1, &d1); err != nil {
			t.Fatal(err)
		}
		if err := both.QueryRowContext(ctx, q).Scan(&n2, &d2); err != nil {
			t.Fatal(err)
		}
		if n2 != 2*n1 || d2 != 2*d1 || d1 != n1 {
			t.Errorf("%s: one Ambito %d rows (%d ids), both %d rows (%d ids)", table, n1, d1, n2, d2)
		}
	}
	if _, err := store.OpenParquet(ctx, dir, []string{"ambito-di-bergamo"}); err == nil {
		t.Error("an Ambito missing from the directory opened")
	}
}

// testParquetNoPersonalData decodes every exported file and looks for the
// sample's citizens — codici fiscali, surnames with names, birth dates —
// and its staff's names. Text values are split into words and joined with
// the needles, so that a name inside a longer text is found too. A date
// column could hold birth dates as dates: it fails when it holds half of
// the citizens' birth dates or more (the diario's days, covering every day
// of the period, meet a few by chance).
func testParquetNoPersonalData(t *testing.T, a *sampledata.Ambito, dir string) {
	ctx := context.Background()
	var files []string
	for _, pattern := range []string{"*/*/*.parquet", "*/*/*/*.parquet"} {
		f, _ := filepath.Glob(filepath.Join(dir, pattern))
		files = append(files, f...)
	}
	if len(files) < 10 {
		t.Fatalf("only %d Parquet files", len(files))
	}
	db, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `CREATE TABLE needle (word VARCHAR, phrase VARCHAR, what VARCHAR);
		CREATE TABLE birth (d DATE)`); err != nil {
		t.Fatal(err)
	}
	add := func(word, full, what string) {
		if _, err := db.ExecContext(ctx, `INSERT INTO needle VALUES (lower(?), lower(?), ?)`, word, full, what); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range a.Citizens {
		add(c.CF, c.CF, "codice fiscale")
		add(strings.Fields(c.Surname)[0], c.Surname+" "+c.Name, "nome")
		add(strings.Fields(c.Name)[0], c.Name+" "+c.Surname, "nome")
		add(c.BirthDate.Format("02/01/2006"), c.BirthDate.Format("02/01/2006"), "data di nascita")
		add(c.BirthDate.Format("2006-01-02"), c.BirthDate.Format("2006-01-02"), "data di nascita")
		if _, err := db.ExecContext(ctx, `INSERT INTO birth VALUES (?)`, c.BirthDate); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range a.Operators {
		add(strings.Fields(o.Name)[0], o.Name, "nome di operatore")
	}
	var births int
	db.QueryRowContext(ctx, `SELECT count(DISTINCT d) FROM birth`).Scan(&births)
	scanned := 0
	for _, f := range files {
		rows, err := db.QueryContext(ctx, `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))`, f)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var col, typ string
			if err := rows.Scan(&col, &typ); err != nil {
				t.Fatal(err)
			}
			src := fmt.Sprintf(`(SELECT DISTINCT "%s" AS v FROM read_parquet('%s'))`, col, f)
			switch {
			case typ == "VARCHAR":
				var n int
				var found, what string
				err = db.QueryRowContext(ctx, `WITH cells AS (SELECT lower(v) AS v FROM `+src+` WHERE v IS NOT NULL),
					words AS (SELECT v, unnest(regexp_extract_all(v, '[a-z0-9/-]+')) AS w FROM cells)
					SELECT (SELECT count(*) FROM cells), coalesce(any_value(words.v), ''), coalesce(any_value(n.what), '')
					FROM words JOIN needle n ON n.word = words.w WHERE strpos(words.v, n.phrase) > 0`).Scan(&n, &found, &what)
				if err != nil {
					t.Fatalf("%s %s: %v", f, col, err)
				}
				if found != "" {
					t.Errorf("%s, column %s, holds a %s: %q", f, col, what, found)
				}
				scanned += n
			case typ == "DATE":
				var n int
				if err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+src+` JOIN birth ON d = v`).Scan(&n); err != nil {
					t.Fatal(err)
				}
				if 2*n >= births {
					t.Errorf("%s, column %s, holds %d of the %d birth dates", f, col, n, births)
				}
			}
		}
		rows.Close()
	}
	if scanned < 50000 {
		t.Fatalf("scanned only %d distinct text values", scanned)
	}
	t.Logf("scanned %d distinct text values in %d files", scanned, len(files))
}

// copyTree copies the export directory src into a new temporary one.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		r, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, r), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, r), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// testParquetManifests: a directory that does not match its manifests —
// a file copied, replaced, removed, a manifest missing or of another
// Ambito — is not read, and the error names the file.
func testParquetManifests(t *testing.T, dir string) {
	ctx := context.Background()
	one := func(dir, pattern string) string {
		f, _ := filepath.Glob(filepath.Join(dir, pattern))
		if len(f) == 0 {
			t.Fatalf("no file %s", pattern)
		}
		return f[0]
	}
	tests := []struct {
		name   string
		tamper func(dir string) string // returns what the error must name
		want   string
	}{
		{"untouched", func(string) string { return "" }, ""},
		{"a file copied beside itself", func(d string) string {
			f := one(d, "cartelle/ambito=ambito-di-seriate/*/*.parquet")
			b, _ := os.ReadFile(f)
			os.WriteFile(strings.TrimSuffix(f, ".parquet")+"_copia.parquet", b, 0o644)
			return "_copia.parquet"
		}, "non elencato"},
		{"a file replaced", func(d string) string {
			f := one(d, "activities/ambito=ambito-di-seriate/*/*.parquet")
			b, _ := os.ReadFile(one(d, "residents/ambito=ambito-di-seriate/*/*.parquet"))
			os.WriteFile(f, b, 0o644)
			r, _ := filepath.Rel(d, f)
			return filepath.ToSlash(r)
		}, "SHA-256 diverso"},
		{"a file removed", func(d string) string {
			f := one(d, "assignments/ambito=ambito-di-seriate/*/*.parquet")
			os.Remove(f)
			r, _ := filepath.Rel(d, f)
			return filepath.ToSlash(r)
		}, "mancante"},
		{"the manifest missing", func(d string) string {
			os.Remove(store.ManifestPath(d, "ambito-di-seriate"))
			return "_manifest/ambito-di-seriate.json"
		}, "manifesto"},
		{"another Ambito's manifest", func(d string) string {
			p := store.ManifestPath(d, "ambito-di-seriate")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, []byte(strings.Replace(string(b), `"ambito": "ambito-di-seriate"`, `"ambito": "ambito-di-prova"`, 1)), 0o644)
			return "ambito-di-prova"
		}, "non di"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := copyTree(t, dir)
			named := tt.tamper(d)
			db, err := store.OpenParquet(ctx, d, nil)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				db.Close()
				return
			}
			if err == nil {
				db.Close()
				t.Fatal("opened")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), named) {
				t.Errorf("err = %v, want %q naming %q", err, tt.want, named)
			}
		})
	}
}
