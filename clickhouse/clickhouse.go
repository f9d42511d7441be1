// Package clickhouse is carico's ClickHouse adapter: it loads the canonical
// tables, as CSV with a header row, into a cluster over its HTTP interface
// — the large tables sharded through Distributed tables, the small ones
// copied whole to every node — and runs the regional aggregates there.
// It speaks the SQL of ClickHouse 18.16, the version Debian ships.
package clickhouse

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/carico/carico/regional"
	"github.com/carico/carico/store"
)

// Node is one ClickHouse server, by the URL of its HTTP interface.
type Node struct {
	URL    string
	Client *http.Client
}

// post sends the query in the URL and body as its data (or, with no
// body, the query as body) and returns the response.
func (n Node) post(ctx context.Context, query string, body io.Reader, settings ...string) (io.ReadCloser, error) {
	u, err := url.Parse(n.URL)
	if err != nil {
		return nil, fmt.Errorf("indirizzo ClickHouse %q: %w", n.URL, err)
	}
	v := u.Query()
	if body == nil {
		body = strings.NewReader(query)
	} else {
		v.Set("query", query)
	}
	for i := 0; i+1 < len(settings); i += 2 {
		v.Set(settings[i], settings[i+1])
	}
	u.RawQuery = v.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), body)
	if err != nil {
		return nil, err
	}
	c := n.Client
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("ClickHouse %s: %w", u.Host, err)
	}
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 2000))
		resp.Body.Close()
		return nil, fmt.Errorf("ClickHouse %s: %s", u.Host, strings.TrimSpace(string(msg)))
	}
	return resp.Body, nil
}

// Exec runs a statement.
func (n Node) Exec(ctx context.Context, stmt string) error {
	r, err := n.post(ctx, stmt, nil)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, r)
	return r.Close()
}

// Query runs a query and returns its rows as text, NULL as "".
func (n Node) Query(ctx context.Context, q string) ([][]string, error) {
	r, err := n.post(ctx, q+"\nFORMAT TabSeparated", nil)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var rows [][]string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		for i, f := range fields {
			fields[i] = unescape(f)
		}
		rows = append(rows, fields)
	}
	return rows, sc.Err()
}

// Dialect makes a Node a regional.Engine.
func (Node) Dialect() regional.Dialect { return regional.ClickHouse }

// unescape decodes a TabSeparated field.
func unescape(f string) string {
	if f == `\N` {
		return ""
	}
	if !strings.Contains(f, `\`) {
		return f
	}
	return strings.NewReplacer(`\t`, "\t", `\n`, "\n", `\\`, `\`, `\'`, "'", `\r`, "\r", `\0`, "\x00").Replace(f)
}

// Cluster is the nodes of a cluster, as its remote_servers configuration
// names it; the first node coordinates the load.
type Cluster struct {
	Name  string
	Nodes []Node
}

// sharded are the large tables, split over the shards by the hash of
// their key, and the expression of that key; the others are small and
// every node holds them whole, so that joins with them stay on the node.
var sharded = map[string]string{
	"activity":   "cityHash64(id)",
	"cases":      "cityHash64(id)",
	"assignment": "cityHash64(case_id)",
}

// orderKeys are the MergeTree sort keys, columns that are never NULL.
var orderKeys = map[string]string{
	"comune": "istat", "residents": "(istat, year)", "operator": "id", "allocation": "(operator_id, istat)",
	"absence": "(operator_id, year)", "cases": "id", "assignment": "(case_id, from_date)", "activity": "id",
}

// types maps DuckDB's types to ClickHouse's.
var types = map[string]string{
	"VARCHAR": "String", "DATE": "Date", "TIME": "String", "TIMESTAMP": "DateTime", "INTEGER": "Int32",
	"BIGINT": "Int64", "SMALLINT": "Int16", "TINYINT": "Int8", "DOUBLE": "Float64",
}

// Load creates the tables the files need, if missing, and loads the
// files: the sharded ones through the Distributed table of the first
// node, synchronously, the others into every node. Tables that the
// regional aggregates do not read (imports, rejected rows) are left out.
func (cl Cluster) Load(ctx context.Context, tables []store.CSVTable) error {
	for _, t := range tables {
		if orderKeys[t.Table] == "" {
			continue
		}
		if err := cl.create(ctx, t); err != nil {
			return fmt.Errorf("tabella %s: %w", t.Table, err)
		}
		targets := cl.Nodes
		if sharded[t.Table] != "" {
			targets = cl.Nodes[:1]
		}
		for _, n := range targets {
			if err := n.insertFile(ctx, t.Table, t.Path); err != nil {
				return fmt.Errorf("caricamento di %s: %w", t.Name, err)
			}
		}
	}
	return nil
}

// create makes the table on every node: a MergeTree partitioned by
// Ambito, and for a sharded table a Distributed one over it.
func (cl Cluster) create(ctx context.Context, t store.CSVTable) error {
	var cols []string
	for _, c := range t.Columns {
		typ := types[c.Type]
		if typ == "" {
			return fmt.Errorf("colonna %s: tipo %s non previsto", c.Name, c.Type)
		}
		if !c.NotNull {
			typ = "Nullable(" + typ + ")"
		}
		cols = append(cols, fmt.Sprintf("`%s` %s", c.Name, typ))
	}
	local := t.Table
	if sharded[t.Table] != "" {
		local += "_local"
	}
	for _, n := range cl.Nodes {
		stmts := []string{fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s (%s) ENGINE = MergeTree() PARTITION BY ambito ORDER BY %s",
			local, strings.Join(cols, ", "), orderKeys[t.Table])}
		if key := sharded[t.Table]; key != "" {
			stmts = append(stmts, fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s AS %s ENGINE = Distributed(%s, currentDatabase(), %s, %s)",
				t.Table, local, cl.Name, local, key))
		}
		for _, s := range stmts {
			if err := n.Exec(ctx, s); err != nil {
				return err
			}
		}
	}
	return nil
}

// insertFile streams a CSV file with a header row into a table.
func (n Node) insertFile(ctx context.Context, table, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := n.post(ctx, "INSERT INTO "+table+" FORMAT CSVWithNames", f, "insert_distributed_sync", "1")
	if err != nil {
		return err
	}
	io.Copy(io.Discard, r)
	return r.Close()
}
