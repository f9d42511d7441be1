package model_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/carico/carico/facts"
	"github.com/carico/carico/internal/sampledb"
	"github.com/carico/carico/model"
	sampledata "github.com/carico/carico/sample-data"
)

// TestSeriesSameFigures measures the sample Ambito twice: from the facts
// as read (the reference date's open counts as rows, the months' ends and
// the weekly snapshots as a table, facts.OpenSeries) and from the same
// counts all given as rows, as hand-built facts give them. Every figure,
// the monthly and weekly series included, must be the same to the last
// bit: the table is a faster form of the rows, not another sum.
func TestSeriesSameFigures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a := sampledata.Generate(sampledata.DefaultSeed)
	db := sampledb.Load(t, a)
	p := model.Params{From: a.From, To: a.To, At: a.RefDate, Config: model.DefaultConfig()}
	w, err := facts.LoadWorkload(ctx, db, p.Facts())
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Series.Days) < 60 || len(w.Series.Cells) == 0 {
		t.Fatalf("the series has %d days and %d cells: the test checks nothing", len(w.Series.Days), len(w.Series.Cells))
	}
	rowsOnly := *w
	rowsOnly.Open = append(slices.Clone(w.Open), slices.Collect(w.Series.All())...)
	rowsOnly.Series = facts.OpenSeries{}
	var out [2][]byte
	for i, f := range []*facts.Workload{w, &rowsOnly} {
		m, err := model.Measure(f, p)
		if err != nil {
			t.Fatal(err)
		}
		if out[i], err = json.Marshal(m); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0], out[1]) {
		i := 0
		for i < min(len(out[0]), len(out[1])) && out[0][i] == out[1][i] {
			i++
		}
		t.Fatalf("the figures differ at byte %d:\n table %s\n rows  %s", i, out[0][max(0, i-200):min(len(out[0]), i+100)], out[1][max(0, i-200):min(len(out[1]), i+100)])
	}
}
