package planning

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/carico/carico/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := "testdata/" + name
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test -tags duckdb_arrow -update and review the diff", name)
	}
}

// The whole scenario contract on the hand-built Ambito, every field, so a
// change to any figure or Italian rule text shows up in review.
func TestScenarioGolden(t *testing.T) {
	text, err := os.ReadFile("testdata/scenari-mano.toml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseScenarios("scenari-mano.toml", text)
	if err != nil {
		t.Fatal(err)
	}
	res, err := RunScenarios(handBaseline(), f, model.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "scenari-mano.golden.json", append(got, '\n'))
}
