package reports

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var keep = flag.String("keep", "", "also write the fixture reports into this directory, to look at them")

var generated = time.Date(2026, 1, 20, 10, 0, 0, 0, time.UTC)

// writeFixture writes the fixture's report for opt into a temporary
// directory (and into -keep, when given) and returns the paths.
func writeFixture(t *testing.T, opt Options) []string {
	t.Helper()
	opt.Generated = generated
	opt = withSections(opt)
	dir := t.TempDir()
	files, err := Write(dir, fixtureMetrics(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if *keep != "" {
		if _, err := Write(*keep, fixtureMetrics(), opt); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		if filepath.Dir(f) != dir {
			t.Errorf("%s written outside %s", f, dir)
		}
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s: missing or empty (%v)", f, err)
		}
	}
	return files
}

func TestWriteAllAudiences(t *testing.T) {
	for _, opt := range []Options{{Audience: Responsabile}, {Audience: Operatore, OperatorID: "AS01"}, {Audience: Politico}} {
		files := writeFixture(t, opt)
		if len(files) != 2 {
			t.Errorf("%s: wrote %v, want a workbook and a page", opt.Audience, files)
		}
	}
}
