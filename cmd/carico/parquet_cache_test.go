package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carico/carico/weights"
)

// testParquetCalibrationKept: metrics on a Parquet collection calibrates
// the observed weights once and keeps them in the user's cache directory;
// the next request reads them back and prints the same figures; a
// collection exported again is other data and is calibrated again.
func testParquetCalibrationKept(t *testing.T, dbPath, dir, secret string) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("LocalAppData", os.Getenv("XDG_CACHE_HOME"))
	cache, err := weights.CacheDir()
	if err != nil {
		t.Fatal(err)
	}
	kept := func() []string {
		f, _ := filepath.Glob(filepath.Join(cache, "*.json"))
		return f
	}
	metrics := func() string {
		t.Helper()
		code, out, errOut := runCLI(t, "metrics", "--parquet", dir, "--format", "json")
		if code != exitOK {
			t.Fatalf("metrics exit %d: %s", code, errOut)
		}
		return out
	}
	// same compares two requests' figures: the observed weights exactly,
	// every other figure to a relative 1e-9 (DuckDB's threads add in no
	// fixed order, kept calibration or not).
	same := func(what, a, b string) {
		t.Helper()
		var x, y struct {
			Weights struct{ Sets []json.RawMessage } `json:"weights"`
		}
		var xa, ya any
		for _, u := range []error{json.Unmarshal([]byte(a), &x), json.Unmarshal([]byte(b), &y), json.Unmarshal([]byte(a), &xa), json.Unmarshal([]byte(b), &ya)} {
			if u != nil {
				t.Fatal(u)
			}
		}
		if len(x.Weights.Sets) != 2 || !strings.Contains(string(x.Weights.Sets[1]), `"osservati"`) {
			t.Fatalf("%s: weight sets %s", what, x.Weights.Sets)
		}
		observed := func(set json.RawMessage) string {
			var s struct {
				Weights, Note any
			}
			json.Unmarshal(set, &s)
			b, _ := json.Marshal(s)
			return string(b)
		}
		if ox, oy := observed(x.Weights.Sets[1]), observed(y.Weights.Sets[1]); ox != oy {
			t.Errorf("%s: observed weights\n%s\nwant\n%s", what, oy, ox)
		}
		if diffs := jsonDiff("", xa, ya, nil); len(diffs) > 0 {
			t.Errorf("%s: %d differences, first ones:\n%s", what, len(diffs), strings.Join(diffs[:min(10, len(diffs))], "\n"))
		}
	}
	first := metrics()
	files := kept()
	if len(files) != 1 {
		t.Fatalf("after the first request %d calibrations kept in %s, want 1", len(files), cache)
	}
	same("the request with the kept calibration", first, metrics())
	// The kept calibration is what the next request reads: mark it and
	// see the mark among the observed weights.
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	marked := strings.Replace(string(b), `"weight":`, `"weight":123.4,"was":`, 1)
	if marked == string(b) {
		t.Fatal("no weight in the kept calibration")
	}
	if err := os.WriteFile(files[0], []byte(marked), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := metrics(); !strings.Contains(out, "123.4") {
		t.Error("the request after the first did not read the kept calibration")
	}

	// Exported again (a new manifest): recomputed, the same figures.
	if code, _, errOut := runCLI(t, "export", "--db", dbPath, "--parquet", dir, "--secret", secret); code != exitOK {
		t.Fatal(errOut)
	}
	same("after the export again", first, metrics())
	if n := len(kept()); n != 2 {
		t.Errorf("after the export again %d calibrations kept, want 2 (the collection is other files)", n)
	}
}
