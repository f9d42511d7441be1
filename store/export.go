package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Manifest describes one Ambito's share of a Parquet export directory. It
// carries the pseudonym key's fingerprint, never the key: two exports with
// the same fingerprint give the same person the same pseudonym.
type Manifest struct {
	Format         string          `json:"format"` // "carico-parquet"
	SchemaVersion  int             `json:"schema_version"`
	Ambito         string          `json:"ambito"` // partition code
	AmbitoName     string          `json:"ambito_name"`
	ExportedAt     time.Time       `json:"exported_at"`
	KeyFingerprint string          `json:"key_fingerprint,omitempty"`
	Tables         []ManifestTable `json:"tables"`
}

// ManifestTable is one table of the Ambito, with its files.
type ManifestTable struct {
	Name  string         `json:"name"`
	Rows  int64          `json:"rows"`
	Files []ManifestFile `json:"files"`
}

// ManifestFile is one Parquet file, its path relative to the directory.
type ManifestFile struct {
	Path   string `json:"path"`
	Rows   int64  `json:"rows"`
	SHA256 string `json:"sha256"`
}

// KeyFingerprint identifies a pseudonym key without revealing it: the
// first 16 hex digits of its HMAC over a fixed label.
func KeyFingerprint(key []byte) string {
	if len(key) == 0 {
		return ""
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte("carico: impronta della chiave degli pseudonimi"))
	return hex.EncodeToString(m.Sum(nil))[:16]
}

// ErrNoKey is the error of an export without the pseudonym key, which the
// case numbers need.
var ErrNoKey = errors.New("chiave degli pseudonimi non trovata: serve per pseudonimizzare i numeri di cartella e di intervento che escono dal servizio (indicarla con --secret)")

// caseKey derives from the pseudonym key the key of the case numbers'
// pseudonyms, as hex: the key itself never enters an SQL text.
func caseKey(key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("carico: numeri di cartella e di intervento nelle esportazioni"))
	return hex.EncodeToString(m.Sum(nil))
}

// PseudonymSQL is the SQL expression of the keyed pseudonym of a case or
// intervention number, under the derived key k (see caseKey): the SHA-256
// of the key and of the SHA-256 of the key and the number (the nesting
// keeps a pseudonym from being extended into another), cut to 96 bits.
// NULL stays NULL. The same number gets the same pseudonym in every export
// made with the same key, so the tables still join.
func PseudonymSQL(k, expr string) string {
	return fmt.Sprintf(`('p' || left(sha256('%[1]s' || sha256('%[1]s' || %[2]s)), 24))`, k, expr)
}

// CasePseudonym is PseudonymSQL computed in Go, for tests and tools that
// must find a number's pseudonym in an export.
func CasePseudonym(key []byte, id string) string {
	k := caseKey(key)
	inner := sha256.Sum256([]byte(k + id))
	outer := sha256.Sum256([]byte(k + hex.EncodeToString(inner[:])))
	return "p" + hex.EncodeToString(outer[:])[:24]
}

// exportAmbito gives each table's rows their Ambito: joins over the
// temporary x_* maps and the expression over them. A row whose Ambito is
// unknown goes to the database's main Ambito (def).
var exportAmbito = map[string]struct{ joins, expr string }{
	"comune":             {"", AmbitoCodeSQL("t.ambito")},
	"residents":          {"LEFT JOIN x_comune cm ON cm.istat = t.istat", "cm.ambito"},
	"operator":           {"LEFT JOIN x_operator op ON op.id = t.id", "op.ambito"},
	"allocation":         {"LEFT JOIN x_operator op ON op.id = t.operator_id", "op.ambito"},
	"absence":            {"LEFT JOIN x_operator op ON op.id = t.operator_id", "op.ambito"},
	"capacity_reduction": {"LEFT JOIN x_operator op ON op.id = t.operator_id", "op.ambito"},
	"cases":              {"LEFT JOIN x_case ca ON ca.id = t.id", "ca.ambito"},
	"assignment":         {"LEFT JOIN x_case ca ON ca.id = t.case_id", "ca.ambito"},
	"activity":           {"LEFT JOIN x_case ca ON ca.id = t.case_id LEFT JOIN x_comune cm ON cm.istat = t.istat LEFT JOIN x_operator op ON op.id = t.operator_id", "coalesce(ca.ambito, cm.ambito, op.ambito)"},
	"istanza":            {"LEFT JOIN x_case ca ON ca.id = t.case_id", "ca.ambito"},
	"import_batch":       {"", "NULL"},
	"rejected_row":       {"", "NULL"},
}

// ambitoMaps are the temporary tables behind exportAmbito: the Ambito of
// each comune, of each operator (that of their largest allocation) and of
// each cartella (its comune's, else its operator's).
const ambitoMaps = `
CREATE OR REPLACE TEMP TABLE x_comune AS SELECT istat, ` + `%[1]s` + ` AS ambito FROM comune WHERE ambito IS NOT NULL;
CREATE OR REPLACE TEMP TABLE x_operator AS SELECT a.operator_id AS id, arg_max(cm.ambito, a.share) AS ambito
	FROM allocation a JOIN x_comune cm USING (istat) GROUP BY 1;
CREATE OR REPLACE TEMP TABLE x_case AS SELECT c.id, coalesce(cm.ambito, op.ambito) AS ambito
	FROM cases c LEFT JOIN x_comune cm ON cm.istat = c.istat LEFT JOIN x_operator op ON op.id = c.operator_id;`

// ExportParquet writes the canonical tables of db under dir, partitioned by
// Ambito and year, with one manifest per Ambito. It replaces whatever dir
// held for the Ambiti it writes and leaves other Ambiti alone, so that the
// exports of several services can be gathered in one directory. Personal
// data never leave: people are pseudonyms already; operator names, notes,
// rejected values and file paths are not written.
func ExportParquet(ctx context.Context, db *DB, dir string, key []byte) ([]Manifest, error) {
	if len(key) == 0 {
		return nil, ErrNoKey
	}
	conn, def, defName, err := prepareExport(ctx, db, dir)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	tmp, err := os.MkdirTemp(dir, ".export-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	for _, t := range parquetTables {
		if err := copyTable(ctx, conn, db.DB, t, filepath.Join(tmp, t.dir), def, caseKey(key)); err != nil {
			return nil, fmt.Errorf("esportazione di %s: %w", t.dir, err)
		}
	}
	codes, err := exportedAmbiti(tmp)
	if err != nil {
		return nil, err
	}
	version, err := db.Version(ctx)
	if err != nil {
		return nil, err
	}
	var manifests []Manifest
	for _, code := range codes {
		name, err := ambitoName(ctx, conn, code, def, defName)
		if err != nil {
			return nil, err
		}
		m := Manifest{Format: "carico-parquet", SchemaVersion: version, Ambito: code, AmbitoName: name,
			ExportedAt: time.Now().UTC().Truncate(time.Second), KeyFingerprint: KeyFingerprint(key)}
		if err := moveAmbito(tmp, dir, code); err != nil {
			return nil, err
		}
		if m.Tables, err = describe(ctx, conn, dir, code); err != nil {
			return nil, err
		}
		if err := writeManifest(dir, m); err != nil {
			return nil, err
		}
		manifests = append(manifests, m)
	}
	return manifests, nil
}

// prepareExport creates dir and, on a connection of its own, the maps of
// each row's Ambito; it returns the connection and the main Ambito.
func prepareExport(ctx context.Context, db *DB, dir string) (conn *sql.Conn, def, defName string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, "", "", err
	}
	if conn, err = db.Conn(ctx); err != nil {
		return nil, "", "", err
	}
	def, defName, err = mainAmbito(ctx, conn)
	if err == nil {
		_, err = conn.ExecContext(ctx, fmt.Sprintf(ambitoMaps, AmbitoCodeSQL("ambito")))
	}
	if err != nil {
		conn.Close()
		return nil, "", "", fmt.Errorf("ambiti: %w", err)
	}
	return conn, def, defName, nil
}

// mainAmbito is the code and name of the Ambito most comuni belong to.
func mainAmbito(ctx context.Context, conn *sql.Conn) (code, name string, err error) {
	err = conn.QueryRowContext(ctx, `SELECT `+AmbitoCodeSQL("ambito")+`, ambito FROM comune
		WHERE ambito IS NOT NULL GROUP BY ambito ORDER BY count(*) DESC, ambito LIMIT 1`).Scan(&code, &name)
	if err == sql.ErrNoRows || code == "" {
		return "ambito-non-indicato", "Ambito non indicato", nil
	}
	return code, name, err
}

func ambitoName(ctx context.Context, conn *sql.Conn, code, def, defName string) (string, error) {
	if code == def {
		return defName, nil
	}
	var name string
	err := conn.QueryRowContext(ctx, `SELECT any_value(ambito) FROM comune WHERE `+AmbitoCodeSQL("ambito")+` = ?`, code).Scan(&name)
	return name, err
}

// copyTable writes one table, partitioned, under out.
func copyTable(ctx context.Context, conn *sql.Conn, db *sql.DB, t parquetTable, out, def, k string) error {
	sel, _, err := exportSelect(ctx, db, t, def, k, t.year != "" && t.year != "t.year", false)
	if err != nil {
		return err
	}
	partition := "ambito"
	if t.year != "" {
		partition += ", year"
	}
	_, err = conn.ExecContext(ctx, fmt.Sprintf(`COPY (%s) TO '%s' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (%s))`,
		sel, strings.ReplaceAll(out, "'", "''"), partition))
	return err
}

// exportSelect is the query of what leaves the service from table t: its
// columns but the dropped ones, stripped or renamed as t says, and the
// Ambito code (with year, the year partition too); the case numbers as
// pseudonyms under the derived key k. It returns the columns it writes,
// as the schema declares them.
func exportSelect(ctx context.Context, db *sql.DB, t parquetTable, def, k string, year, csv bool) (string, []Column, error) {
	cols, err := columns(ctx, db, t.table)
	if err != nil {
		return "", nil, err
	}
	var exprs []string
	var out []Column
	for _, c := range cols {
		if slices.Contains(t.drop, c.name) {
			continue
		}
		e := "t." + c.name
		if r, ok := t.replace[c.name]; ok {
			e = r
		}
		if slices.Contains(t.pseudo, c.name) {
			e = PseudonymSQL(k, e)
		}
		name := c.name
		if r, ok := t.rename[c.name]; ok {
			name = r
		}
		typ := c.typ
		if csv && typ == "BOOLEAN" {
			// 0 and 1: the stores that load CSV (ClickHouse 18) have no
			// boolean type.
			e, typ = "CAST("+e+" AS TINYINT)", "TINYINT"
		}
		exprs = append(exprs, fmt.Sprintf(`%s AS "%s"`, e, name))
		out = append(out, Column{Name: name, Type: typ, NotNull: c.notNull})
	}
	amb := exportAmbito[t.table]
	exprs = append(exprs, fmt.Sprintf("coalesce(%s, '%s') AS ambito", amb.expr, def))
	if year {
		exprs = append(exprs, t.year+" AS year")
	}
	return fmt.Sprintf("SELECT %s FROM %s t %s", strings.Join(exprs, ", "), t.table, amb.joins), out, nil
}

// exportedAmbiti lists the Ambito codes any table was written for.
func exportedAmbiti(tmp string) ([]string, error) {
	dirs, err := filepath.Glob(filepath.Join(tmp, "*", "ambito=*"))
	if err != nil {
		return nil, err
	}
	var codes []string
	for _, d := range dirs {
		code := strings.TrimPrefix(filepath.Base(d), "ambito=")
		if !slices.Contains(codes, code) {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	return codes, nil
}

// moveAmbito replaces, table by table, what dir held for the Ambito with
// what the export wrote for it in tmp.
func moveAmbito(tmp, dir, code string) error {
	for _, t := range parquetTables {
		dst := filepath.Join(dir, t.dir, "ambito="+code)
		if err := os.RemoveAll(dst); err != nil {
			return err
		}
		src := filepath.Join(tmp, t.dir, "ambito="+code)
		if _, err := os.Stat(src); err != nil {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.Rename(src, dst); err != nil {
			return err
		}
	}
	return nil
}

// describe counts the rows and hashes the files of the Ambito's tables.
func describe(ctx context.Context, conn *sql.Conn, dir, code string) ([]ManifestTable, error) {
	var tables []ManifestTable
	for _, t := range parquetTables {
		mt := ManifestTable{Name: t.dir, Files: []ManifestFile{}}
		files, _ := filepath.Glob(filepath.Join(dir, t.dir, "ambito="+code, "*.parquet"))
		deeper, _ := filepath.Glob(filepath.Join(dir, t.dir, "ambito="+code, "*", "*.parquet"))
		for _, f := range append(files, deeper...) {
			var mf ManifestFile
			if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM read_parquet(?)`, f).Scan(&mf.Rows); err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			sum, err := FileSHA256(f)
			if err != nil {
				return nil, err
			}
			mf.SHA256 = sum
			mf.Path, _ = filepath.Rel(dir, f)
			mf.Path = filepath.ToSlash(mf.Path)
			mt.Rows += mf.Rows
			mt.Files = append(mt.Files, mf)
		}
		tables = append(tables, mt)
	}
	return tables, nil
}

// FileSHA256 is the hex SHA-256 of the file at path: what a manifest and
// an import batch record of a file.
func FileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("lettura di %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ManifestPath is where the Ambito's manifest lives in an export directory.
func ManifestPath(dir, code string) string {
	return filepath.Join(dir, "_manifest", code+".json")
}

func writeManifest(dir string, m Manifest) error {
	path := ManifestPath(dir, m.Ambito)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
