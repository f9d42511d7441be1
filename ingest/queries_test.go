package ingest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// sqlStart matches a string that starts like a statement.
var sqlStart = regexp.MustCompile(`^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|WITH|SET|RESET|BEGIN|COMMIT|ROLLBACK|PRAGMA|ALTER|COPY|CHECKPOINT|ATTACH|DETACH)\b`)

// TestNoSQLInGo: every statement of the importer lives in a .sql file
// under sql/; no Go string literal of the package starts like one.
func TestNoSQLInGo(t *testing.T) {
	t.Parallel()
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			if s, err := strconv.Unquote(lit.Value); err == nil && sqlStart.MatchString(s) {
				t.Errorf("%s: SQL in a Go string (move it to a file under sql/): %.60q", fset.Position(lit.Pos()), s)
			}
			return true
		})
	}
}

// TestEverySQLFileIsUsed: each file under sql/ is named by the code, and
// each name the code asks for exists (sqlText panics otherwise).
func TestEverySQLFileIsUsed(t *testing.T) {
	t.Parallel()
	var code strings.Builder
	paths, _ := filepath.Glob("*.go")
	for _, p := range paths {
		if !strings.HasSuffix(p, "_test.go") {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			code.Write(b)
		}
	}
	src := code.String()
	files, err := fs.Glob(sqlFiles, "sql/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no .sql files (%v)", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".sql")
		if name == "_common" {
			continue
		}
		if !strings.Contains(src, strconv.Quote(name)) {
			t.Errorf("sql/%s.sql is not used", name)
		}
	}
	for _, m := range regexp.MustCompile(`sql(?:Text|Fill)\("([a-z_]+)"`).FindAllStringSubmatch(src, -1) {
		if _, err := fs.Stat(sqlFiles, "sql/"+m[1]+".sql"); err != nil {
			t.Errorf("the code asks for sql/%s.sql, which does not exist", m[1])
		}
	}
}

// TestUpsertTemplates fills the upsert templates with the shapes the kinds
// give them and checks the SQL they write.
func TestUpsertTemplates(t *testing.T) {
	t.Parallel()
	q := upsertSQL{Target: "cases", From: "SELECT * FROM stg", Keys: []string{"id"}, Cols: []string{"area", "opened"},
		Fills: []string{"start_time"}, Insert: []string{"id", "area", "opened", "start_time"}, Batch: true}
	space := regexp.MustCompile(`\s+`)
	body := func(name string, data any) string {
		var lines []string
		for _, l := range strings.Split(sqlFill(name, data), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(l), "--") {
				lines = append(lines, l)
			}
		}
		return strings.TrimSpace(space.ReplaceAllString(strings.Join(lines, " "), " "))
	}
	tests := []struct{ name, got, want string }{
		{"update", body("upsert_update", q), "UPDATE cases AS t SET area = s.area, opened = s.opened, start_time = coalesce(t.start_time, s.start_time), batch_id = $batch " +
			"FROM (SELECT * FROM stg) AS s WHERE t.id = s.id AND ((t.area, t.opened) IS DISTINCT FROM (s.area, s.opened) OR (t.start_time IS NULL AND s.start_time IS NOT NULL))"},
		{"update, fills only", body("upsert_update", upsertSQL{Target: "a", From: "x", Keys: []string{"k", "j"}, Fills: []string{"f"}}),
			"UPDATE a AS t SET f = coalesce(t.f, s.f) FROM (x) AS s WHERE t.k = s.k AND t.j = s.j AND (false OR (t.f IS NULL AND s.f IS NOT NULL))"},
		{"insert", body("upsert_insert", q), "INSERT INTO cases (id, area, opened, start_time, batch_id) SELECT s.id, s.area, s.opened, s.start_time, $batch " +
			"FROM (SELECT * FROM stg) AS s WHERE NOT EXISTS (SELECT 1 FROM cases AS t WHERE t.id = s.id)"},
		{"first load", body("upsert_insert", upsertSQL{Target: "a", From: "x", Keys: []string{"k"}, Insert: []string{"k", "v"}, First: true}),
			"INSERT INTO a (k, v) SELECT s.k, s.v FROM (x) AS s"},
		{"delta", body("upsert_delta", q), "CREATE OR REPLACE TEMP TABLE delta AS SELECT s.*, t.found IS NULL AS is_new FROM (SELECT * FROM stg) AS s " +
			"LEFT JOIN (SELECT id, area, opened, start_time, true AS found FROM cases) AS t ON t.id = s.id " +
			"WHERE t.found IS NULL OR ((t.area, t.opened) IS DISTINCT FROM (s.area, s.opened) OR (t.start_time IS NULL AND s.start_time IS NOT NULL))"},
		{"delta, changed", body("delta_rows", struct{ New bool }{false}), "SELECT * EXCLUDE (is_new) FROM temp.delta WHERE NOT is_new"},
		{"delta, new", body("delta_rows", struct{ New bool }{true}), "SELECT * EXCLUDE (is_new) FROM temp.delta WHERE is_new"},
		{"count", body("count_changes", struct {
			Current           string
			Keys, Cols, Fills []string
		}{"SELECT 1", []string{"istat", "year"}, []string{"name"}, nil}),
			"SELECT count(*) FILTER (WHERE cur.istat IS NULL), count(*) FILTER (WHERE cur.istat IS NOT NULL AND ((cur.name) IS DISTINCT FROM (s.name))) " +
				"FROM stg s LEFT JOIN (SELECT 1) cur ON cur.istat IS NOT DISTINCT FROM s.istat AND cur.year IS NOT DISTINCT FROM s.year"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s:\n got  %s\n want %s", tt.name, tt.got, tt.want)
		}
	}
}
