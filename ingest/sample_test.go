package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	sampledata "github.com/carico/carico/sample-data"
)

// The bundled sample's exports import with their bundled profiles, and the
// rows the generator broke on purpose (sampledata.Ambito.Bad) are the ones
// rejected or skipped, at the same file and line.
func TestImportSampleExports(t *testing.T) {
	a := sampledata.Generate(sampledata.DefaultSeed)
	dir := t.TempDir()
	exports, err := a.WriteExports(dir)
	if err != nil {
		t.Fatal(err)
	}
	db := openDB(t, filepath.Join(dir, "carico.duckdb"))
	im := &Importer{DB: db, Secret: testSecret}
	var rejected []string
	var lastDiary *Result
	for _, e := range exports {
		if e.Profile == "" {
			continue
		}
		p, err := LoadProfile(e.Profile)
		if err != nil {
			t.Fatal(err)
		}
		res, err := im.Import(context.Background(), e.Path, p, filepath.Base(e.Profile))
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(e.Path), err)
		}
		t.Logf("%s (%s): read %d, inserted %d, updated %d, unchanged %d, skipped %d, rejected %d",
			filepath.Base(e.Path), e.Kind, res.Read, res.Inserted, res.Updated, res.Unchanged, res.Skipped, res.Rejected)
		if e.Kind == "activities" {
			lastDiary = res
		}
		for _, r := range res.Rejections {
			rejected = append(rejected, fmt.Sprintf("%s:%d", r.File, r.Line))
			t.Logf("  %s", r)
		}
	}
	var bad []string
	for _, b := range a.Bad {
		if !b.Skipped {
			bad = append(bad, fmt.Sprintf("%s:%d", b.File, b.Line))
		}
	}
	sort.Strings(bad)
	sort.Strings(rejected)
	if strings.Join(rejected, " ") != strings.Join(bad, " ") {
		t.Errorf("rejected rows %v, want the broken rows %v", rejected, bad)
	}
	// The later diario export corrects the durations of a.Revised; a
	// "revision" to the same value is no change.
	changed := 0
	for _, r := range a.Revised {
		if r.OldMinutes != r.NewMinutes {
			changed++
		}
	}
	if lastDiary == nil || lastDiary.Updated != changed {
		t.Errorf("second diario updated %+v rows, want %d", lastDiary, changed)
	}
}
