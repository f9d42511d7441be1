package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/carico/carico/ingest/table"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
)

// fuzzBase is what FuzzImportCartelle mutates: real rows of the sample's
// cartelle, a database holding the sample's comuni and staff, and the
// person values of the rows, which must never be written in clear.
type fuzzBase struct {
	header  []string
	rows    [][]string
	col     map[string]int
	profile *Profile
	refDB   string   // a database file with population and staff imported
	needles []string // person values, lower case
	err     error
}

var (
	fuzzOnce sync.Once
	fuzzData fuzzBase
)

// loadFuzzBase writes the sample's exports once per process and reads the
// first rows of its cartelle workbook.
func loadFuzzBase(dir string) fuzzBase {
	var b fuzzBase
	a := sampledata.Generate(sampledata.DefaultSeed)
	exports, err := a.WriteExports(dir)
	if err != nil {
		return fuzzBase{err: err}
	}
	b.refDB = filepath.Join(dir, "riferimento.duckdb")
	db, err := store.Open(context.Background(), b.refDB)
	if err != nil {
		return fuzzBase{err: err}
	}
	im := &Importer{DB: db, Secret: testSecret}
	var reference strings.Builder
	for _, e := range exports {
		if e.Kind != "population" && e.Kind != "staff" && e.Kind != "cases" {
			continue
		}
		p, err := LoadProfile(e.Profile)
		if err != nil {
			return fuzzBase{err: err}
		}
		if e.Kind == "cases" {
			b.profile = p
			continue
		}
		if _, err := im.Import(context.Background(), e.Path, p, filepath.Base(e.Profile)); err != nil {
			return fuzzBase{err: err}
		}
		text, _ := os.ReadFile(e.Path)
		pt, _ := os.ReadFile(e.Profile)
		reference.Write(text)
		reference.Write(pt)
	}
	db.Close()
	r, err := table.Open(filepath.Join(dir, "cartelle.xlsx"), table.Options{Sheet: b.profile.Sheet, HeaderRow: b.profile.HeaderRow})
	if err != nil {
		return fuzzBase{err: err}
	}
	defer r.Close()
	b.header = r.Header()
	b.col = map[string]int{}
	for i, h := range b.header {
		b.col[h] = i
	}
	iso := regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	for len(b.rows) < 30 {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fuzzBase{err: err}
		}
		for i, f := range row.Fields {
			row.Fields[i] = iso.ReplaceAllString(f, "$3/$2/$1")
		}
		b.rows = append(b.rows, row.Fields)
	}
	// As a CSV with ';', the header found without title rows.
	b.profile.Sheet, b.profile.HeaderRow, b.profile.Delimiter = "", 0, ";"
	ref := strings.ToLower(reference.String())
	seen := map[string]bool{}
	add := func(v string) {
		v = strings.ToLower(strings.TrimSpace(v))
		if len(v) >= 5 && !seen[v] && !strings.Contains(ref, v) {
			seen[v] = true
			b.needles = append(b.needles, v)
		}
	}
	for _, f := range b.rows {
		sur, name := f[b.col["Cognome"]], f[b.col["Nome"]]
		add(f[b.col["Codice fiscale"]])
		add(sur + " " + name)
		add(name + " " + sur)
		add(sur)
		add(f[b.col["Data di nascita"]])
	}
	return b
}

// caseNumber is the case number mutate gives row i, shaped so that the
// oracle can find it in any text: it must never leave the service in
// clear, in any case.
func caseNumber(i int) string { return fmt.Sprintf("CART-%d-QX", i) }

// csvField writes a field as a CSV writer would: quoted when it holds the
// delimiter, a quote or a line end.
func csvField(s string) string {
	if strings.ContainsAny(s, ";\"\n\r") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

// mutate writes the base rows as a CSV with the shapes ops asks for: each
// pair of bytes is a shape and the row it applies to.
func (b *fuzzBase) mutate(ops []byte) (text string, cfInID bool) {
	rows := make([][]string, len(b.rows))
	for i, r := range b.rows {
		rows[i] = append([]string(nil), r...)
	}
	raw := make([]map[int]string, len(rows)) // cells written as they are, unquoted
	tail := make([]string, len(rows))        // text appended to the line
	trim := make([]bool, len(rows))          // trailing empty cells left off
	set := func(i int, col, v string) { rows[i][b.col[col]] = v }
	setRaw := func(i, c int, v string) {
		if raw[i] == nil {
			raw[i] = map[int]string{}
		}
		raw[i][c] = v
	}
	last := len(b.header) - 1
	for k := 0; k+1 < len(ops) && k < 16; k += 2 {
		i := int(ops[k+1]) % len(rows)
		f := rows[i]
		cf, sur, name := f[b.col["Codice fiscale"]], f[b.col["Cognome"]], f[b.col["Nome"]]
		switch ops[k] % 9 {
		case 0: // a stray quote closed at the end of the next line
			c := b.col["Quartiere"]
			setRaw(i, c, `"`+f[c])
			if i+1 < len(rows) {
				tail[i+1] += `"`
			}
		case 1: // trailing cells left off
			f[last] = ""
			trim[i] = true
		case 2: // a quote and a line end inside values that must be masked
			set(i, "Area di utenza", cf+` "x"`+"\n"+sur+" "+name)
		case 3: // a delimiter in the surname shifts the row, the last cell empty
			f[last] = ""
			setRaw(i, b.col["Cognome"], strings.Replace(sur, "", ";", 2)[1:])
		case 4: // the codice fiscale as the ID
			f[b.col["ID cartella"]] = cf
			cfInID = cf != ""
		case 5: // the name in a date column
			set(i, "Data apertura", sur+" "+name)
		case 6: // a line end inside the name
			set(i, "Cognome", sur+"\n"+name)
		case 7: // a quote never closed
			setRaw(i, b.col["Motivo chiusura"], `"`+cf)
		case 8: // the case number, in a date and a label column too (see caseNumber)
			id := caseNumber(i)
			set(i, "ID cartella", id)
			set(i, "Data apertura", id)
			set(i, "Area di utenza", strings.ToLower(id))
		}
	}
	var out strings.Builder
	out.WriteString(strings.Join(b.header, ";") + "\n")
	for i, f := range rows {
		n := len(f)
		if trim[i] {
			for n > 1 && f[n-1] == "" {
				n--
			}
		}
		cells := make([]string, n)
		for c := range n {
			if v, ok := raw[i][c]; ok {
				cells[c] = v
			} else {
				cells[c] = csvField(f[c])
			}
		}
		out.WriteString(strings.Join(cells, ";") + tail[i] + "\n")
	}
	return out.String(), cfInID
}

// FuzzImportCartelle imports real cartelle rows bent into the shapes that
// lost or leaked rows (see mutate) and checks two oracles: every physical
// line is accounted for, or the import fails and stores nothing; and no
// person value of the input is written anywhere — the rejections as
// stderr shows them, any text column of any table, the CSV and Parquet
// exports for the Region, which carry no case number in clear either
// (not even one a shifted row put in a date or a label, that a reason
// could quote).
func FuzzImportCartelle(f *testing.F) {
	for _, seed := range [][]byte{
		{0, 3}, {1, 4}, {2, 5}, {3, 6}, {4, 7}, {5, 8}, {6, 9}, {7, 10},
		{1, 2, 0, 1}, {3, 2, 1, 2, 0, 5, 6, 5}, {2, 0, 7, 0, 5, 1}, {8, 3}, {8, 4, 3, 4},
	} {
		f.Add(seed)
	}
	fuzzOnce.Do(func() {
		dir, err := os.MkdirTemp("", "carico-fuzz-")
		if err != nil {
			fuzzData = fuzzBase{err: err}
			return
		}
		fuzzData = loadFuzzBase(dir)
	})
	base := fuzzData
	if base.err != nil {
		f.Fatal(base.err)
	}
	f.Fuzz(func(t *testing.T, ops []byte) {
		text, cfInID := base.mutate(ops)
		dir := t.TempDir()
		dbPath := filepath.Join(dir, "carico.duckdb")
		ref, err := os.ReadFile(base.refDB)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dbPath, string(ref))
		file := filepath.Join(dir, "cartelle.csv")
		writeFile(t, file, text)
		db := openDB(t, dbPath)
		im := &Importer{DB: db, Secret: testSecret}
		res, err := im.Import(context.Background(), file, base.profile, "cartelle.toml")

		var written strings.Builder
		switch {
		case err == nil:
			lines := strings.Count(text, "\n")
			if res.Lines != lines {
				t.Errorf("the reader saw %d lines of %d", res.Lines, lines)
			}
			if got := res.Inserted + res.Updated + res.Unchanged + res.Rejected + res.Skipped; got != res.Read {
				t.Errorf("inserted %d + updated %d + unchanged %d + rejected %d + skipped %d = %d, read %d",
					res.Inserted, res.Updated, res.Unchanged, res.Rejected, res.Skipped, got, res.Read)
			}
			for _, r := range res.Rejections {
				written.WriteString(r.String() + "\n")
			}
		case errors.Is(err, ErrCFInID) && cfInID, strings.Contains(err.Error(), "le righe non tornano"):
			written.WriteString(err.Error() + "\n")
			if got := query(t, db, `SELECT count(*) FROM cases`); got != "0" {
				t.Errorf("failed import stored %s cases", got)
			}
		default:
			t.Fatalf("import: %v\n%s", err, text)
		}
		written.WriteString(allText(t, db))
		exp, err := store.ExportCSV(context.Background(), db, filepath.Join(dir, "regione"), testSecret)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range exp {
			b, err := os.ReadFile(e.Path)
			if err != nil {
				t.Fatal(err)
			}
			if low := strings.ToLower(string(b)); strings.Contains(low, "cartelleb:") || strings.Contains(low, "-qx") {
				t.Errorf("%s carries a case number in clear", filepath.Base(e.Path))
			}
			written.Write(b)
		}
		// The Parquet export for the Region, read back as text.
		pq := filepath.Join(dir, "parquet")
		if _, err := store.ExportParquet(context.Background(), db, pq, testSecret); err != nil {
			t.Fatal(err)
		}
		ptext := parquetText(t, db, pq)
		if low := strings.ToLower(ptext); strings.Contains(low, "cartelleb:") || strings.Contains(low, "-qx") {
			t.Errorf("the Parquet export carries a case number in clear")
		}
		written.WriteString(ptext)
		out := strings.ToLower(written.String())
		for _, x := range base.needles {
			if strings.Contains(out, x) {
				i := strings.Index(out, x)
				t.Errorf("%q written in clear: …%s…", x, out[max(0, i-80):min(len(out), i+80)])
			}
		}
	})
}

// parquetText is every value of every Parquet file under dir, as text.
func parquetText(t *testing.T, db *store.DB, dir string) string {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".parquet") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Fatal("the Parquet export wrote no file")
	}
	var b strings.Builder
	for _, f := range files {
		var s string
		if err := db.QueryRow(`SELECT coalesce(string_agg(CAST(p AS VARCHAR), '\n'), '') FROM read_parquet(?) p`, f).Scan(&s); err != nil {
			t.Fatal(err)
		}
		b.WriteString(s + "\n")
	}
	return b.String()
}

// textColumns lists every text column of every table, as table, column.
func textColumns(t *testing.T, db *store.DB) [][2]string {
	t.Helper()
	rows, err := db.Query(`SELECT table_name, column_name FROM information_schema.columns
		WHERE data_type = 'VARCHAR' AND table_schema = 'main'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var cols [][2]string
	for rows.Next() {
		var tbl, col string
		rows.Scan(&tbl, &col)
		cols = append(cols, [2]string{tbl, col})
	}
	return cols
}

// allText is every value of every text column of every table.
func allText(t *testing.T, db *store.DB) string {
	t.Helper()
	var b strings.Builder
	for _, c := range textColumns(t, db) {
		var s string
		if err := db.QueryRow(`SELECT coalesce(string_agg("` + c[1] + `", '\n'), '') FROM "` + c[0] + `"`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		b.WriteString(s + "\n")
	}
	return b.String()
}
