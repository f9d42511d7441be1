package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/carico/carico/internal/sampledb"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
)

// TestParquetSameFigures exports the sample Ambito to Parquet and checks
// that metrics and analyze read from the directory give, figure for
// figure, what they give from the database. The export leaves staff names
// behind, so the operators carry their identifier as name there.
func TestParquetSameFigures(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the whole sample Ambito")
	}
	a := sampledata.Generate(sampledata.DefaultSeed)
	dbPath := sampledb.Write(t, a)
	dir := filepath.Join(t.TempDir(), "regione")
	secret := filepath.Join(t.TempDir(), "chiave")
	// Without the key the case numbers cannot be pseudonymised: no export.
	if code, _, errOut := runCLI(t, "export", "--db", dbPath, "--parquet", dir, "--secret", secret); code == exitOK || !strings.Contains(errOut, "chiave degli pseudonimi non trovata") {
		t.Fatalf("export without the key: exit %d, %s", code, errOut)
	}
	if err := os.WriteFile(secret, sampledb.Secret, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "export", "--db", dbPath, "--parquet", dir, "--secret", secret)
	if code != exitOK {
		t.Fatalf("export exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "activities") {
		t.Errorf("export printed:\n%s", out)
	}
	names := map[string]string{}
	for _, o := range a.Operators {
		names[o.Name] = o.ID
	}
	// The export carries the case numbers as pseudonyms.
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT id FROM cases`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		names[id] = store.CasePseudonym(sampledb.Secret, id)
	}
	rows.Close()
	// And the files named by their content.
	rows, err = db.Query(`SELECT file, sha256 FROM import_batch`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var file, sum string
		rows.Scan(&file, &sum)
		names[filepath.Base(file)] = "esportazione-" + sum[:12] + filepath.Ext(file)
	}
	rows.Close()
	db.Close()
	for _, args := range [][]string{
		{"metrics", "--format", "json"},
		{"analyze", "--format", "json"},
		{"metrics", "--format", "json", "--from", "2024-01-01", "--to", "2024-12-31"},
	} {
		var fromDB, fromParquet any
		cliJSON(t, &fromDB, append(args, "--db", dbPath)...)
		cliJSON(t, &fromParquet, append(args, "--parquet", dir, "--ambito", "Ambito di Seriate")...)
		fromDB = renameStrings(fromDB, names)
		ambiti := fromParquet.(map[string]any)["ambiti"].([]any)
		delete(fromParquet.(map[string]any), "ambiti")
		if len(ambiti) != 1 || ambiti[0].(map[string]any)["ambito"] != "Ambito di Seriate" {
			t.Errorf("%s: comparison of the Ambiti %v", strings.Join(args, " "), ambiti)
		}
		// Lists ordered by case number as the last key come in another
		// order when the numbers are pseudonyms: compared as sets.
		sortByCase(fromDB)
		sortByCase(fromParquet)
		if diffs := jsonDiff("", fromDB, fromParquet, nil); len(diffs) > 0 {
			t.Errorf("%s: %d differences between --db and --parquet, first ones:\n%s", strings.Join(args, " "), len(diffs), strings.Join(diffs[:min(10, len(diffs))], "\n"))
		}
	}
	t.Run("TwoAmbiti", func(t *testing.T) { testParquetTwoAmbiti(t, dbPath, dir, secret) })
}

// sortByCase sorts, in place, every list of objects with a case_id by
// their JSON text.
func sortByCase(v any) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			sortByCase(e)
		}
		if len(x) > 0 {
			if m, ok := x[0].(map[string]any); ok && m["case_id"] != nil {
				sort.SliceStable(x, func(i, j int) bool {
					a, _ := json.Marshal(x[i])
					b, _ := json.Marshal(x[j])
					return string(a) < string(b)
				})
			}
		}
	case map[string]any:
		for _, e := range x {
			sortByCase(e)
		}
	}
}

// renameStrings replaces every string value equal to a key of names.
func renameStrings(v any, names map[string]string) any {
	switch x := v.(type) {
	case string:
		if id, ok := names[x]; ok {
			return id
		}
	case []any:
		for i := range x {
			x[i] = renameStrings(x[i], names)
		}
	case map[string]any:
		for k := range x {
			x[k] = renameStrings(x[k], names)
		}
	}
	return v
}

// jsonDiff lists the paths where a and b differ, numbers beyond a
// relative 1e-9.
func jsonDiff(path string, a, b any, out []string) []string {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			return append(out, fmt.Sprintf("%s: %v vs %v", path, a, b))
		}
		keys := map[string]bool{}
		for k := range x {
			keys[k] = true
		}
		for k := range y {
			keys[k] = true
		}
		var ks []string
		for k := range keys {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		for _, k := range ks {
			out = jsonDiff(path+"."+k, x[k], y[k], out)
		}
		return out
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return append(out, fmt.Sprintf("%s: %d items vs %v", path, len(x), b))
		}
		for i := range x {
			out = jsonDiff(fmt.Sprintf("%s[%d]", path, i), x[i], y[i], out)
		}
		return out
	}
	// Sums of floating-point values differ in the last digits with the
	// order DuckDB's threads add them in, from one run to the next too.
	if x, ok := a.(float64); ok {
		if y, ok := b.(float64); ok && math.Abs(x-y) <= 1e-9*math.Max(1, math.Abs(x)) {
			return out
		}
	}
	if !reflect.DeepEqual(a, b) {
		out = append(out, fmt.Sprintf("%s: %v vs %v", path, a, b))
	}
	return out
}

// testParquetTwoAmbiti, run after TestParquetSameFigures on its export, gathers the sample twice, as two Ambiti with
// different comuni, in one
// directory: the comparison shows both with the same figures, equal to
// the sample's own, and the collection counts everything twice.
func testParquetTwoAmbiti(t *testing.T, dbPath, dir, secret string) {
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	// Another Ambito has other comuni: ISTAT codes are national.
	_, err = db.ExecContext(ctx, `UPDATE comune SET ambito = 'Ambito di Prova', istat = '9' || substr(istat, 2);
		UPDATE residents SET istat = '9' || substr(istat, 2);
		UPDATE allocation SET istat = '9' || substr(istat, 2);
		UPDATE cases SET istat = '9' || substr(istat, 2);
		UPDATE activity SET istat = '9' || substr(istat, 2);`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, "export", "--db", dbPath, "--parquet", dir, "--secret", secret); code != exitOK {
		t.Fatal(errOut)
	}
	type figures struct {
		Ambiti []struct {
			Ambito    string   `json:"ambito"`
			Residents int      `json:"residents"`
			PerAS     *float64 `json:"residents_per_social_worker"`
			Load      *float64 `json:"load"`
			Opened    *float64 `json:"opened_per_1000_residents"`
		} `json:"ambiti"`
		Operators []any `json:"operators"`
		Ambito    struct {
			Residents int      `json:"residents"`
			PerAS     *float64 `json:"residents_per_social_worker"`
		} `json:"ambito"`
		FlowTotals struct{ Opened int } `json:"flow_totals"`
	}
	run := func(args ...string) figures {
		code, out, errOut := runCLI(t, args...)
		if code != exitOK {
			t.Fatalf("%v: %s", args, errOut)
		}
		var f figures
		if err := json.Unmarshal([]byte(out), &f); err != nil {
			t.Fatal(err)
		}
		return f
	}
	one := run("metrics", "--parquet", dir, "--ambito", "ambito-di-prova", "--format", "json")
	both := run("metrics", "--parquet", dir, "--format", "json")
	an := run("analyze", "--parquet", dir, "--format", "json")
	if len(both.Ambiti) != 2 || both.Ambiti[0].Ambito != "Ambito di Prova" || both.Ambiti[1].Ambito != "Ambito di Seriate" {
		t.Fatalf("comparison: %+v", both.Ambiti)
	}
	if len(both.Operators) != 2*len(one.Operators) || both.Ambito.Residents != 2*one.Ambito.Residents {
		t.Errorf("both Ambiti: %d operators, %d residents; one: %d, %d", len(both.Operators), both.Ambito.Residents, len(one.Operators), one.Ambito.Residents)
	}
	for _, r := range both.Ambiti {
		if r.Residents != one.Ambito.Residents || *r.PerAS != *one.Ambito.PerAS || r.Load == nil || *r.Load != *one.Ambiti[0].Load {
			t.Errorf("%s: %d residents, %v per social worker, load %v; the Ambito alone: %d, %v, %v",
				r.Ambito, r.Residents, *r.PerAS, r.Load, one.Ambito.Residents, *one.Ambito.PerAS, *one.Ambiti[0].Load)
		}
	}
	for _, r := range an.Ambiti {
		want := float64(an.FlowTotals.Opened) / 2 * 1000 / float64(r.Residents)
		if r.Opened == nil || math.Abs(*r.Opened-want) > 1e-9 {
			t.Errorf("%s: %v cartelle opened per 1,000 residents, want %v", r.Ambito, r.Opened, want)
		}
	}
}
