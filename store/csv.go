package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
)

// CSVTable is one canonical table written by ExportCSV.
type CSVTable struct {
	Name    string // the export's name: activities, cartelle…
	Table   string // the table's name in the schema: activity, cases…
	Path    string
	Columns []Column // in the file's order; the last is the Ambito's code
}

// ExportCSV writes the canonical tables of db as CSV files with a header
// row under dir, one per table (NNN.csv, NULL written as \N), with the same
// columns and the same privacy rules as the Parquet export and the
// Ambito's code as last column: the form column stores without Parquet,
// ClickHouse 18 among them, load. The case numbers are pseudonymised with
// key, as in the Parquet export.
func ExportCSV(ctx context.Context, db *DB, dir string, key []byte) ([]CSVTable, error) {
	if len(key) == 0 {
		return nil, ErrNoKey
	}
	conn, def, _, err := prepareExport(ctx, db, dir)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var out []CSVTable
	for _, t := range parquetTables {
		sel, cols, err := exportSelect(ctx, db.DB, t, def, caseKey(key), false, true)
		if err != nil {
			return nil, err
		}
		path := filepath.Join(dir, t.dir+".csv")
		q := fmt.Sprintf(`COPY (%s) TO '%s' (FORMAT csv, HEADER true, NULLSTR '\N', DATEFORMAT '%%Y-%%m-%%d', TIMESTAMPFORMAT '%%Y-%%m-%%d %%H:%%M:%%S')`,
			sel, strings.ReplaceAll(path, "'", "''"))
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("esportazione CSV di %s: %w", t.dir, err)
		}
		cols = append(cols, Column{Name: "ambito", Type: "VARCHAR", NotNull: true})
		out = append(out, CSVTable{Name: t.dir, Table: t.table, Path: path, Columns: cols})
	}
	return out, nil
}
