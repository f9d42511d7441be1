package ingest

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"strings"
	"sync"
	"text/template"
)

// Every statement the importer runs is a named .sql file under sql/,
// embedded here, behind a typed function. Values are bound as named
// parameters ($batch, $file, …) with sql.Named, as in package facts.
// Names of tables and columns, which come from the kinds' specs and never
// from a file being imported, are filled in by the files that need them
// as text/template actions ({{.Target}}); such a file says so in its
// header.
//
//go:embed sql/*.sql
var sqlFiles embed.FS

// sqlText returns the SQL of the named file (its name without .sql). A
// missing file is a programming error, caught by TestEverySQLFileIsUsed.
func sqlText(name string) string {
	b, err := sqlFiles.ReadFile("sql/" + name + ".sql")
	if err != nil {
		panic("ingest: " + err.Error())
	}
	return string(b)
}

var (
	templatesMu sync.Mutex
	templates   = map[string]*template.Template{}
)

// funcs are the functions the template files call: join, and dict,
// which passes named values to a definition of _common.sql.
var funcs = template.FuncMap{
	"join": strings.Join,
	"dict": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
}

// sqlFill returns the SQL of the named template file with data filled in:
// the names of tables and columns a statement works on. The definitions
// of _common.sql are available to every template file.
func sqlFill(name string, data any) string {
	templatesMu.Lock()
	t, ok := templates[name]
	if !ok {
		t = template.Must(template.New(name).Funcs(funcs).Option("missingkey=error").Parse(sqlText(name)))
		template.Must(t.New("_common").Parse(sqlText("_common")))
		templates[name] = t
	}
	templatesMu.Unlock()
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		panic("ingest: " + name + ".sql: " + err.Error())
	}
	return b.String()
}

// begin starts the import's transaction on conn.
func begin(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, sqlText("begin")); err != nil {
		return fmt.Errorf("inizio della transazione: %w", err)
	}
	return nil
}

// rollback rolls back the transaction on conn, even when the import's
// context is cancelled already: the rollback must run.
func rollback(conn *sql.Conn) {
	conn.ExecContext(context.Background(), sqlText("rollback"))
}
