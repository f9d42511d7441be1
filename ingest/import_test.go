package ingest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carico/carico/store"
)

var testSecret = []byte("0123456789abcdef0123456789abcdef")

func openDB(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// importFixture imports testdata/NAME.csv with testdata/NAME.toml.
func importFixture(t *testing.T, im *Importer, name string) (*Result, error) {
	t.Helper()
	p, err := LoadProfile(filepath.Join("testdata", name+".toml"))
	if err != nil {
		t.Fatal(err)
	}
	return im.Import(context.Background(), filepath.Join("testdata", name+".csv"), p, name+".toml")
}

// importAll imports the reference data, then the named fixture.
func importAll(t *testing.T, im *Importer, names ...string) map[string]*Result {
	t.Helper()
	out := map[string]*Result{}
	for _, n := range names {
		res, err := importFixture(t, im, n)
		if err != nil {
			t.Fatalf("import %s: %v", n, err)
		}
		out[n] = res
	}
	return out
}

func query(t *testing.T, db *store.DB, q string) string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = fmt.Sprint(v)
		}
		lines = append(lines, strings.Join(parts, "|"))
	}
	return strings.Join(lines, "\n")
}

type wantRejection struct {
	line   int
	column string
	value  string
	reason string // substring
}

func TestImportFixtures(t *testing.T) {
	tests := []struct {
		name string
		// counts: read, inserted, updated, unchanged, skipped, rejected
		counts     [6]int
		rejections []wantRejection
		query      string
		want       string
	}{
		{
			name:   "population",
			counts: [6]int{4, 3, 0, 0, 0, 1},
			rejections: []wantRejection{
				{5, "Residenti", "abc", "numero di residenti non valido"},
			},
			query: `SELECT c.istat, c.name, c.province, c.patron_month, c.patron_day, r.year, r.residents
				FROM comune c JOIN residents r USING (istat) ORDER BY 1, 6`,
			want: "016024|Bergamo|BG|8|26|2024|119381\n016024|Bergamo|BG|8|26|2025|120287\n016091|Dalmine|BG|<nil>|<nil>|2025|23457",
		},
		{
			name:   "staff",
			counts: [6]int{6, 3, 0, 0, 0, 3},
			rejections: []wantRejection{
				{5, "Quota", "0,60", "le quote dell'operatore Verdi Anna sommano a 0,90 invece che a 1"},
				{6, "Quota", "0,30", "sommano a 0,90"},
				{7, "Ore settimanali", "60", "ore settimanali fuori intervallo"},
			},
			query: `SELECT o.id, o.name, o.role, o.weekly_hours, o.contract, a.istat, a.share
				FROM operator o JOIN allocation a ON a.operator_id = o.id ORDER BY 1, 6`,
			want: "bianchi-luca|Bianchi Luca|assistente_sociale|18|determinato|016024|1\n" +
				"maria-rossi|ROSSI MARIA|assistente_sociale|36|indeterminato|016024|0.5\n" +
				"maria-rossi|ROSSI MARIA|assistente_sociale|36|indeterminato|016091|0.5",
		},
		{
			name:   "activities",
			counts: [6]int{9, 4, 0, 0, 1, 4},
			rejections: []wantRejection{
				{4, "Data", "31/02/2025", "data inesistente"},
				{5, "Operatore", "Mario Bianchi", "operatore sconosciuto: aggiungerlo al personale o agli alias"},
				{7, "Tipo attività", "Riunione\ndi rete", "aggiungere il valore a [values.kind]"},
				{9, "Comune", "Vattelapesca", "comune sconosciuto"}, // no comune of the national table
			},
			query: `SELECT id, day, start_time::VARCHAR, operator_id, coalesce(case_id, '-'), kind, minutes, istat, raw_label, coalesce(note, '-')
				FROM activity ORDER BY id`,
			want: "A1|2025-02-03 00:00:00 +0000 UTC|09:30:00|maria-rossi|C1|case|90|016024|Colloquio in sede|-\n" +
				"A2|2025-02-04 00:00:00 +0000 UTC|<nil>|maria-rossi|-|access|45|016024|Segretariato sociale|-\n" +
				"A5|2025-02-06 00:00:00 +0000 UTC|<nil>|maria-rossi|-|training|120|016024|Corso di formazione|-\n" +
				"A8|2025-02-10 00:00:00 +0000 UTC|<nil>|bianchi-luca|C4|case|60|016091|visita domiciliare|-",
		},
		{
			name:   "cases",
			counts: [6]int{5, 3, 0, 0, 0, 2},
			rejections: []wantRejection{
				{3, "Codice fiscale", "RSS************X", "codice fiscale non valido"},
				{4, "Data chiusura", "15/01/2024", "data di chiusura precedente all'apertura"},
			},
			query: `SELECT id, length(person), istat, area, complexity, opened, coalesce(closed::VARCHAR, '-'), coalesce(close_reason, '-'), coalesce(operator_id, '-')
				FROM cases ORDER BY id`,
			want: "C1|64|016024|anziani|3|2024-01-10 00:00:00 +0000 UTC|-|-|maria-rossi\n" +
				"C4|64|016091|famiglia_minori|2|2024-03-01 00:00:00 +0000 UTC|2024-06-30|trasferimento|bianchi-luca\n" +
				"C5|64|016024|disabili|<nil>|2024-05-05 00:00:00 +0000 UTC|-|-|-",
		},
	}
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := importFixture(t, im, tt.name)
			if err != nil {
				t.Fatal(err)
			}
			got := [6]int{res.Read, res.Inserted, res.Updated, res.Unchanged, res.Skipped, res.Rejected}
			if got != tt.counts {
				t.Errorf("counts (read, inserted, updated, unchanged, skipped, rejected) = %v, want %v; rejections %v", got, tt.counts, res.Rejections)
			}
			if len(res.Rejections) != len(tt.rejections) {
				t.Errorf("rejections = %v, want %d", res.Rejections, len(tt.rejections))
			}
			for i, w := range tt.rejections {
				if i >= len(res.Rejections) {
					break
				}
				r := res.Rejections[i]
				if r.Line != w.line || r.Column != w.column || r.Value != w.value || !strings.Contains(r.Reason, w.reason) {
					t.Errorf("rejection %d = %+v, want %+v", i, r, w)
				}
			}
			var stored int
			db.QueryRow(`SELECT count(*) FROM rejected_row WHERE batch_id = ?`, res.BatchID).Scan(&stored)
			if stored != len(tt.rejections) {
				t.Errorf("rejected_row holds %d rows for the batch, want %d", stored, len(tt.rejections))
			}
			if got := query(t, db, tt.query); got != tt.want {
				t.Errorf("stored:\n%s\nwant:\n%s", got, tt.want)
			}
			var read, ins, rej int
			db.QueryRow(`SELECT rows_read, inserted, rejected FROM import_batch WHERE id = ?`, res.BatchID).Scan(&read, &ins, &rej)
			if read != res.Read || ins != res.Inserted || rej != res.Rejected {
				t.Errorf("import_batch = %d/%d/%d, want %d/%d/%d", read, ins, rej, res.Read, res.Inserted, res.Rejected)
			}
		})
	}
	// The same person imported again under a different spelling of the CF
	// gets the same pseudonym; the pseudonym is not the CF itself.
	var c1 string
	db.QueryRow(`SELECT person FROM cases WHERE id = 'C1'`).Scan(&c1)
	if c1 != pseudonym(testSecret, "cf:SPSGNR50C12F839Y") {
		t.Errorf("pseudonym of C1 = %s", c1)
	}
}

// dump returns every user table's rows in a stable order.
func dump(t *testing.T, db *store.DB) string {
	t.Helper()
	var b strings.Builder
	for _, tbl := range []string{"comune", "residents", "operator", "allocation", "contract_period", "absence", "operator_alias",
		"cases", "assignment", "activity", "import_batch", "rejected_row"} {
		fmt.Fprintf(&b, "== %s\n%s\n", tbl, query(t, db, "SELECT * FROM "+tbl+" ORDER BY ALL"))
	}
	return b.String()
}

func TestReimportChangesNothing(t *testing.T) {
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	names := []string{"population", "staff", "activities", "cases"}
	first := importAll(t, im, names...)
	before := query(t, db, `SELECT * EXCLUDE (batch_id) FROM activity ORDER BY ALL`) + query(t, db, `SELECT * FROM cases ORDER BY ALL`) +
		query(t, db, `SELECT * FROM operator ORDER BY ALL`) + query(t, db, `SELECT * FROM allocation ORDER BY ALL`) +
		query(t, db, `SELECT * FROM comune ORDER BY ALL`) + query(t, db, `SELECT * FROM residents ORDER BY ALL`)
	second := importAll(t, im, names...)
	after := query(t, db, `SELECT * EXCLUDE (batch_id) FROM activity ORDER BY ALL`) + query(t, db, `SELECT * FROM cases ORDER BY ALL`) +
		query(t, db, `SELECT * FROM operator ORDER BY ALL`) + query(t, db, `SELECT * FROM allocation ORDER BY ALL`) +
		query(t, db, `SELECT * FROM comune ORDER BY ALL`) + query(t, db, `SELECT * FROM residents ORDER BY ALL`)
	if before != after {
		t.Errorf("tables changed on re-import:\n%s\n---\n%s", before, after)
	}
	for _, n := range names {
		f, s := first[n], second[n]
		if s.Inserted != 0 || s.Updated != 0 || s.Unchanged != f.Inserted || s.Rejected != f.Rejected || s.SHA256 != f.SHA256 {
			t.Errorf("%s second import = %+v, want all %d unchanged", n, s, f.Inserted)
		}
	}
}

func TestOverlappingExportUpdates(t *testing.T) {
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population", "staff", "activities")
	dir := t.TempDir()
	// The later export lists A1 again with a longer duration, A2 unchanged, and a new A9.
	csv := "ID intervento;Data;Operatore;N. cartella;Tipo attività;Durata;Comune;Note\n" +
		"A1;03/02/2025 09:30;Maria Rossi;C1;Colloquio in sede;2,0;Bergamo;\n" +
		"A2;04/02/2025;rossi  maria;;Segretariato sociale;45;016024;\n" +
		"A9;11/02/2025;Bianchi Luca;C2;Colloquio in sede;30;Bergamo;\n"
	path := filepath.Join(dir, "diario-2.csv")
	writeFile(t, path, csv)
	p, _ := LoadProfile("testdata/activities.toml")
	res, err := im.Import(context.Background(), path, p, "activities.toml")
	if err != nil {
		t.Fatal(err)
	}
	if res.Inserted != 1 || res.Updated != 1 || res.Unchanged != 1 {
		t.Errorf("overlap = %+v, want 1 inserted, 1 updated, 1 unchanged", res)
	}
	got := query(t, db, `SELECT id, minutes, batch_id = `+fmt.Sprint(res.BatchID)+` FROM activity ORDER BY id`)
	want := "A1|120|true\nA2|45|false\nA5|120|false\nA8|60|false\nA9|30|true"
	if got != want {
		t.Errorf("activities after overlap:\n%s\nwant:\n%s", got, want)
	}
}

func TestStrictImportLeavesNothing(t *testing.T) {
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population", "staff")
	before := dump(t, db)
	im.Strict = true
	res, err := importFixture(t, im, "activities")
	if !errors.Is(err, ErrRejected) {
		t.Fatalf("strict import error = %v, want ErrRejected", err)
	}
	if res == nil || res.Rejected != 4 || len(res.Rejections) != 4 {
		t.Errorf("strict result = %+v, want the 4 rejections reported", res)
	}
	if after := dump(t, db); after != before {
		t.Errorf("strict import changed the database:\n%s", after)
	}
	if res != nil && (res.Inserted != 0 || res.BatchID != 0 || res.Problems != 4) {
		t.Errorf("refused before writing: inserted %d, batch %d, problems %d; want 0, 0, 4", res.Inserted, res.BatchID, res.Problems)
	}
}

// TestImportRestoresMemoryLimit: the import lowers DuckDB's memory limit
// and leaves out a compression, settings that hold for the whole database,
// only while it runs.
func TestImportRestoresMemoryLimit(t *testing.T) {
	t.Parallel()
	db := openDB(t, "")
	settings := `SELECT current_setting('memory_limit'), current_setting('disabled_compression_methods')`
	before := query(t, db, settings)
	im := &Importer{DB: db, Secret: testSecret, MemoryLimit: "300MB"}
	importAll(t, im, "population", "staff", "activities")
	if after := query(t, db, settings); after != before {
		t.Errorf("settings after the import = %s, want %s as before", after, before)
	}
	im.MemoryLimit = "trecento"
	if _, err := importFixture(t, im, "activities"); err == nil || !strings.Contains(err.Error(), "limite di memoria") {
		t.Errorf("import with a bad memory limit: %v, want an error on the limit", err)
	}
}
