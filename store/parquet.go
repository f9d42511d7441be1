package store

// The Parquet layout of the canonical tables, shared by the export that
// writes it and by OpenParquet that reads it back in place.
//
//	DIR/<name>/ambito=<code>[/year=<yyyy>]/data_0.parquet
//	DIR/_manifest/<code>.json
//
// <code> is the Ambito's name in lower case, ASCII letters and digits with
// dashes ("ambito-di-seriate"), so that exports of several Ambiti copied
// into one directory never share a file.

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// parquetTable maps one canonical table to its Parquet directory.
type parquetTable struct {
	dir, table string
	// year is the SQL expression (over the table aliased t) of the year
	// partition; "" for tables partitioned by Ambito only.
	year string
	// drop are columns never exported (free text, names, rejected values);
	// they read back as NULL. replace gives other columns an expression
	// (over t) that strips what must not leave the service. rename gives a
	// column another name in the files, where the table's own name would
	// clash with the partition key.
	drop    []string
	replace map[string]string
	rename  map[string]string
	// ids are the identifier columns qualified with the Ambito code when a
	// read spans several Ambiti, where each service numbers its own.
	ids []string
	// pseudo are the columns that carry the cartella software's numbers
	// (a case's, an intervention's): with the software they lead back to
	// the person, so they leave the service as keyed pseudonyms.
	pseudo []string
}

// baseName strips the directories of a path, which may name the user.
const baseName = `regexp_extract(t.%s, '[^/\\]*$')`

// exportedFile names an imported file by its content instead of its name,
// which the user chose and may carry a person's name or a case number
// («cartella 4711.xlsx»): «esportazione-» and the first twelve digits of
// the SHA-256 of its import batch (t.%s is the batch's id), then the
// file's extension. The service finds the file again by that SHA-256.
const exportedFile = `'esportazione-' || left((SELECT b.sha256 FROM import_batch b WHERE b.id = t.%s), 12) || regexp_extract(t.file, '\.[A-Za-z0-9]{1,5}$')`

var parquetTables = []parquetTable{
	{dir: "comuni", table: "comune", rename: map[string]string{"ambito": "ambito_name"}},
	{dir: "residents", table: "residents", year: "t.year"},
	{dir: "staff", table: "operator", replace: map[string]string{"name": "t.id"}, ids: []string{"id", "name"}},
	{dir: "allocations", table: "allocation", ids: []string{"operator_id"}},
	{dir: "absences", table: "absence", year: "t.year", ids: []string{"operator_id"}},
	{dir: "cartelle", table: "cases", year: "year(t.opened)", ids: []string{"id", "operator_id", "batch_id"}, pseudo: []string{"id"}},
	{dir: "assignments", table: "assignment", year: "year(t.from_date)", ids: []string{"case_id", "operator_id"}, pseudo: []string{"case_id"}},
	{dir: "activities", table: "activity", year: "year(t.day)", drop: []string{"note"}, ids: []string{"id", "operator_id", "case_id", "batch_id"}, pseudo: []string{"id", "case_id"}},
	// The capacity register leaves without its notes, which may name a
	// person's health (permessi L. 104/1992).
	{dir: "capacity", table: "capacity_reduction", year: "year(t.from_date)", drop: []string{"note"}, ids: []string{"operator_id", "batch_id"}},
	// The istanze leave with their protocol numbers as pseudonyms: with
	// the protocol register a number leads back to the person.
	{dir: "istanze", table: "istanza", year: "year(t.received)", ids: []string{"case_id", "batch_id"}, pseudo: []string{"case_id", "protocol"}},
	{dir: "imports", table: "import_batch", replace: map[string]string{"file": fmt.Sprintf(exportedFile, "id"), "profile": fmt.Sprintf(baseName, "profile")}, ids: []string{"id"}},
	{dir: "rejected", table: "rejected_row", drop: []string{"value"}, replace: map[string]string{"file": fmt.Sprintf(exportedFile, "batch_id")}, ids: []string{"batch_id"}},
}

// ParquetTables are the directory names of the exported tables, in order.
func ParquetTables() []string {
	var names []string
	for _, t := range parquetTables {
		names = append(names, t.dir)
	}
	return names
}

// AmbitoCodeSQL turns an SQL expression holding an Ambito's name into its
// partition code.
func AmbitoCodeSQL(expr string) string {
	return `trim(regexp_replace(lower(strip_accents(` + expr + `)), '[^a-z0-9]+', '-', 'g'), '-')`
}

// AmbitoCode is the partition code of an Ambito's name, as AmbitoCodeSQL
// computes it; a code is its own code.
func AmbitoCode(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(strings.TrimSpace(name))) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}

// column is one column of a canonical table, as the schema declares it.
type column struct {
	name, typ string
	notNull   bool
}

// Column is a column as an export writes it.
type Column struct {
	Name, Type string // Type is DuckDB's
	NotNull    bool
}

// columns lists a table's columns in schema order.
func columns(ctx context.Context, db *sql.DB, table string) ([]column, error) {
	rows, err := db.QueryContext(ctx, `SELECT column_name, data_type, is_nullable = 'NO' FROM information_schema.columns
		WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position`, table)
	if err != nil {
		return nil, fmt.Errorf("columns of %s: %w", table, err)
	}
	defer rows.Close()
	var cols []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.name, &c.typ, &c.notNull); err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	return cols, rows.Err()
}

// ParquetAmbiti lists the Ambito codes present in a Parquet directory:
// those of its comuni.
func ParquetAmbiti(dir string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(dir, "comuni"))
	if err != nil {
		return nil, fmt.Errorf("cartella Parquet %s: manca l'elenco dei comuni (%w)", dir, err)
	}
	var codes []string
	for _, e := range entries {
		if code, ok := strings.CutPrefix(e.Name(), "ambito="); ok && e.IsDir() {
			codes = append(codes, code)
		}
	}
	if len(codes) == 0 {
		return nil, fmt.Errorf("cartella Parquet %s: nessun Ambito", dir)
	}
	return codes, nil
}

// OpenParquet opens an in-memory database whose canonical tables are views
// over the Parquet files of an export directory, read in place: the model
// and the analytics run on it unchanged. ambiti restricts the views to
// those Ambito codes (nil: all of them). When the views span more than one
// Ambito, identifiers are qualified as "<code>/<id>" (batch numbers moved
// to a block of their own per Ambito), since each service numbers its own
// staff and cartelle. The files are first checked against the manifests
// (see verifyParquet).
func OpenParquet(ctx context.Context, dir string, ambiti []string) (*DB, error) {
	present, err := ParquetAmbiti(dir)
	if err != nil {
		return nil, err
	}
	for _, a := range ambiti {
		if !slices.Contains(present, a) {
			return nil, fmt.Errorf("l'Ambito %q non è nella cartella Parquet %s (presenti: %s)", a, dir, strings.Join(present, ", "))
		}
	}
	if len(ambiti) == 0 {
		ambiti = present
	}
	db, err := Open(ctx, "")
	if err != nil {
		return nil, err
	}
	db.path = dir
	if err := db.limitMemory(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if db.collection, err = db.verifyParquet(ctx, dir, present, ambiti); err != nil {
		db.Close()
		return nil, err
	}
	for _, t := range parquetTables {
		if err := db.viewParquet(ctx, dir, t, present, ambiti); err != nil {
			db.Close()
			return nil, fmt.Errorf("tabella %s della cartella Parquet: %w", t.dir, err)
		}
	}
	return db, nil
}

// The memory a Parquet collection is read with: DuckDB's limit, beyond
// which it spills to a temporary directory of its own (os.TempDir),
// removed when the collection is closed; and the Go heap's soft limit
// (runtime/debug.SetMemoryLimit), past which the garbage collector works
// harder, lowered to it unless GOMEMLIMIT sets a lower one. Together they
// keep the whole process within about 4 GB for a Region of 100 Ambiti (50
// million diario rows, docs/scale.md); without them DuckDB would take up
// to 80 % of the machine's memory and Go twice what it holds. DuckDB's
// limit is not lower because not every query spills: for that Region the
// calibration's per-cartella lists (facts/calibration_units.sql) run out
// of memory at 800 MB, and at 2000 MB one run in five ended in an error.
const (
	ParquetMemoryLimit   = "2500MB"
	ParquetGoMemoryLimit = 1200 << 20
)

// limitMemory sets the limits of a Parquet collection and the directory
// DuckDB spills to (an in-memory database would spill into .tmp under the
// working directory).
func (db *DB) limitMemory(ctx context.Context) error {
	if debug.SetMemoryLimit(-1) > ParquetGoMemoryLimit {
		debug.SetMemoryLimit(ParquetGoMemoryLimit)
	}
	spill, err := spillDir()
	if err != nil {
		return fmt.Errorf("cartella temporanea per i file Parquet: %w", err)
	}
	db.spill = spill
	if _, err := db.ExecContext(ctx, fmt.Sprintf(`SET memory_limit = '%s'; SET temp_directory = '%s'`,
		ParquetMemoryLimit, strings.ReplaceAll(spill, "'", "''"))); err != nil {
		return fmt.Errorf("limite di memoria per i file Parquet: %w", err)
	}
	return nil
}

// Collection identifies the data a Parquet collection's views read: the
// SHA-256 of the manifests of the Ambiti read (each lists its files' own
// SHA-256, checked when the collection was opened, and no other file is
// read) and of which Ambiti are present and read. The same identity is
// the same rows; any file changed, added or exported again changes it.
// It is "" for a database, whose data changes with every import instead.
func (db *DB) Collection() string { return db.collection }

// viewParquet replaces the empty table t with a view over its files,
// casting every column to the schema's type. A table with no file for the
// Ambiti chosen stays the empty table.
func (db *DB) viewParquet(ctx context.Context, dir string, t parquetTable, present, ambiti []string) error {
	var globs []string
	for _, a := range ambiti {
		if _, err := os.Stat(filepath.Join(dir, t.dir, "ambito="+a)); err == nil {
			globs = append(globs, filepath.Join(dir, t.dir, "ambito="+a, "**", "*.parquet"))
		}
	}
	if len(globs) == 0 {
		return nil
	}
	cols, err := columns(ctx, db.DB, t.table)
	if err != nil {
		return err
	}
	// A column the schema gained after the files were written (activity's
	// estimated, migration 009) reads as NULL from them.
	have := map[string]bool{}
	rows, err := db.QueryContext(ctx, fmt.Sprintf("SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet(%s, hive_partitioning = true, union_by_name = true))", sqlList(globs)))
	if err != nil {
		return err
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		have[name] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	multi := len(ambiti) > 1
	var exprs []string
	for _, c := range cols {
		src := c.name
		if r, ok := t.rename[c.name]; ok {
			src = r
		}
		e := `"` + src + `"`
		switch {
		case slices.Contains(t.drop, c.name) || !have[src]:
			e = "NULL"
		case multi && slices.Contains(t.ids, c.name) && c.typ == "BIGINT":
			// Ambito i's batch n becomes i·2^40 + n.
			e = fmt.Sprintf("(list_position(%s, ambito)::BIGINT << 40) + %s", sqlList(present), e)
		case multi && slices.Contains(t.ids, c.name):
			e = "ambito || '/' || " + e
		}
		exprs = append(exprs, fmt.Sprintf(`CAST(%s AS %s) AS "%s"`, e, c.typ, c.name))
	}
	view := fmt.Sprintf("CREATE VIEW %s AS SELECT %s FROM read_parquet(%s, hive_partitioning = true, union_by_name = true)",
		t.table, strings.Join(exprs, ", "), sqlList(globs))
	if _, err := db.ExecContext(ctx, "DROP TABLE "+t.table); err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, view)
	return err
}

// sqlList writes strings as an SQL list literal.
func sqlList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return "[" + strings.Join(q, ", ") + "]"
}
