// Package store is carico's DuckDB adapter: one database file holding the
// canonical records, with a versioned schema migrated forward on open.
//
// The importer (ingest) writes through the *sql.DB it exposes; every read
// of the canonical tables is a named query of package facts. The schema in
// migrations/ is the contract between them.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// rulesSQL defines, as temporary macros, the concepts every layer counts
// with (an open cartella, its holder, a dormant cartella, an operator in
// service, the residents of a year). Each connection gets them when it
// opens, so one definition serves every query, whatever the pool does.
//
//go:embed rules.sql
var rulesSQL string

// installRules is the connector's per-connection hook. The macros bind to
// the tables they read, so a connection opened before the schema exists
// (the one that migrates a new file) goes without them; Open then drops
// the idle connections, and every later one installs them.
func installRules(conn driver.ExecerContext) error {
	ctx := context.Background()
	if q, ok := conn.(driver.QueryerContext); ok {
		// Tables, or the views a collection read in place makes of them
		// (OpenParquet): a connection the pool opens later gets the rules too.
		rows, err := q.QueryContext(ctx, `SELECT count(*) FROM (
			SELECT table_name FROM duckdb_tables() WHERE NOT temporary
			UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT temporary AND NOT internal)
			WHERE table_name IN ('cases', 'assignment', 'activity', 'residents')`, nil)
		if err != nil {
			return fmt.Errorf("regole condivise: %w", err)
		}
		v := make([]driver.Value, 1)
		err = rows.Next(v)
		rows.Close()
		if err != nil || v[0].(int64) < 4 {
			return nil
		}
	}
	if _, err := conn.ExecContext(ctx, rulesSQL, nil); err != nil {
		return fmt.Errorf("regole condivise: %w", err)
	}
	return nil
}

// Migration is one numbered step of the schema.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the schema steps in order. They are read from the
// embedded migrations/NNN_name.sql files.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must be NNN_name.sql", e.Name())
		}
		body, err := migrationFiles.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: name, SQL: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i, m := range ms {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %d missing", i+1)
		}
	}
	return ms, nil
}

// DB is an open carico database.
type DB struct {
	*sql.DB
	connector *duckdb.Connector
	path      string
}

// IncomingView is the name under which an import shows DuckDB its rows
// (an Arrow stream). DuckDB creates it in the database's schema, not a
// temporary one: the import creates and drops it inside a transaction, and
// opening a database for writing drops one an interrupted import of an
// older carico left.
const IncomingView = "carico_righe_in_arrivo"

// Open opens (creating if needed) the database at path and migrates it to
// the latest schema. An empty path opens an in-memory database.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenAt(ctx, path, -1)
}

// noDownloads keeps DuckDB from fetching or loading extensions on its own:
// a SQLite file given as a database would otherwise make it download
// sqlite_scanner. carico needs none beyond those built in.
const noDownloads = "autoinstall_known_extensions=false&autoload_known_extensions=false"

// OpenReadOnly opens an existing database for reading only, as the
// commands that only read do: they work on a read-only file and never
// change one. The schema must be current; an older one asks for an import
// (which migrates it) first, a newer one for a newer carico.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	db, err := connect(path, "access_mode=READ_ONLY&"+noDownloads)
	if err != nil {
		return nil, err
	}
	ms, err := Migrations()
	if err == nil {
		switch v, verr := db.Version(ctx); {
		case verr != nil:
			err = verr
		case v > len(ms):
			err = fmt.Errorf("il database è alla versione %d dello schema, più recente di questo programma (%d): aggiornare carico", v, len(ms))
		case v < len(ms):
			err = fmt.Errorf("il database è alla versione %d dello schema, questo programma alla %d: "+
				"aprirlo prima con «carico import» (che lo aggiorna) o con la versione di carico che lo ha scritto", v, len(ms))
		}
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// OpenAt opens the database and migrates it up to version (all when
// version < 0). It exists so that tests can build a database at an older
// schema and check that Open upgrades it.
func OpenAt(ctx context.Context, path string, version int) (*DB, error) {
	db, err := connect(path, noDownloads)
	if err != nil {
		return nil, err
	}
	if err := db.migrate(ctx, version); err != nil {
		db.Close()
		return nil, err
	}
	// An import killed by an older carico may have left its view behind.
	if _, err := db.ExecContext(ctx, `DROP VIEW IF EXISTS main.`+IncomingView); err != nil {
		db.Close()
		return nil, fmt.Errorf("pulizia di un'importazione interrotta: %w", Italian(err))
	}
	// Connections opened before the schema existed lack the rules.
	db.SetMaxIdleConns(0)
	db.SetMaxIdleConns(2)
	return db, nil
}

func connect(path, options string) (*DB, error) {
	connector, err := duckdb.NewConnector(path+"?"+options, installRules)
	if err != nil {
		return nil, fmt.Errorf("apertura del database %s: %w", path, Italian(err))
	}
	return &DB{DB: sql.OpenDB(connector), connector: connector, path: path}, nil
}

// Italian words the DuckDB errors a user meets: a file another program
// holds, one they may not read or write, one that is not a DuckDB
// database or is truncated or damaged, a read-only disk, an interrupted
// query. An error it does not know is returned as it is; one it knows is
// returned as an Italian error that still wraps the original, for the
// log.
func Italian(err error) error {
	if err == nil {
		return nil
	}
	msg := strings.ToLower(err.Error())
	has := func(parts ...string) bool {
		for _, p := range parts {
			if strings.Contains(msg, p) {
				return true
			}
		}
		return false
	}
	var it string
	switch {
	case has("could not set lock", "conflicting lock"):
		it = "il file è in uso da un altro programma (un'altra esecuzione di carico, o «carico serve»: mentre il server è attivo si lavora dal browser): chiuderlo e riprovare"
	case has("interrupt"):
		it = "operazione interrotta prima della fine: nulla è stato scritto a metà"
	case has("read-only file system"):
		it = "il database è su un disco in sola lettura: copiarlo dove si può scrivere"
	case has("permission denied"):
		it = "permesso negato: controllare i permessi del file e della cartella"
	case has("sqlite"):
		it = "il file è un database SQLite, non un database di carico (DuckDB)"
	case has("not a valid duckdb database", "unrecognized file", "is not a duckdb"):
		it = "il file non è un database di carico (DuckDB)"
	case has("enough bytes", "corrupt", "checksum", "unexpected end of file", "invalid block"):
		it = "il file del database è troncato o danneggiato: ripristinarlo da una copia di sicurezza"
	case has("read-only", "read only"):
		it = "il database è in sola lettura"
	case has("no space left"):
		it = "spazio su disco esaurito"
	case has("out of memory"):
		it = "memoria insufficiente: chiudere altri programmi o ridurre il periodo"
	case has("serialized", "storage version", "older version", "newer version"):
		it = "il database è stato scritto da una versione di carico non compatibile con questa"
	case has("no such file", "cannot open file"):
		it = "file o cartella inesistente"
	default:
		return err
	}
	return &ItalianError{Msg: it, Err: err}
}

// ItalianError is an Italian message over the DuckDB error it explains:
// Error says the message, Unwrap gives the original for the log.
type ItalianError struct {
	Msg string
	Err error
}

func (e *ItalianError) Error() string { return e.Msg }
func (e *ItalianError) Unwrap() error { return e.Err }

// Path is the file the database lives in ("" when in memory).
func (db *DB) Path() string { return db.path }

// Connector exposes the DuckDB connector, for the appender and Arrow APIs.
func (db *DB) Connector() *duckdb.Connector { return db.connector }

// Close closes the database.
func (db *DB) Close() error {
	return errors.Join(db.DB.Close(), db.connector.Close())
}

// Version is the schema version the database is at.
func (db *DB) Version(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := db.QueryRowContext(ctx, `SELECT max(version) FROM schema_version`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("versione dello schema: %w", err)
	}
	return int(v.Int64), nil
}

func (db *DB) migrate(ctx context.Context, upTo int) error {
	ms, err := Migrations()
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`); err != nil {
		return fmt.Errorf("tabella delle versioni dello schema: %w", err)
	}
	current, err := db.Version(ctx)
	if err != nil {
		return err
	}
	if current > len(ms) {
		return fmt.Errorf("il database è alla versione %d dello schema, più recente di questo programma (%d): aggiornare carico", current, len(ms))
	}
	for _, m := range ms {
		if m.Version <= current || (upTo >= 0 && m.Version > upTo) {
			continue
		}
		if err := db.apply(ctx, m); err != nil {
			return fmt.Errorf("aggiornamento dello schema (passo %03d_%s): %w", m.Version, m.Name, err)
		}
	}
	return nil
}

// apply runs one migration and records it in the same transaction, so a
// crash leaves the schema either before or after the step.
func (db *DB) apply(ctx context.Context, m Migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, name) VALUES (?, ?)`, m.Version, m.Name); err != nil {
		return err
	}
	return tx.Commit()
}
