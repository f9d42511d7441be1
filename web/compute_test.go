package web

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carico/carico/evidence"
	"github.com/carico/carico/reports"
)

// TestDataChangedWarms: after the data change (an import's end), the
// evidence of the default period, the responsabile's report, her home
// page's digest and the queue are computed before anyone asks; requests
// that come while an evidence is being built wait for it instead of
// building it again.
func TestDataChangedWarms(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	ctx := context.Background()
	ts.dataChanged(ctx)
	home := homePages()[Responsabile]
	ts.cache.mu.Lock()
	ev := ts.cache.evidence.get("")
	rep := ts.cache.reports.get(string(reports.Responsabile) + "?")
	dig := ts.cache.digests.get(string(home.audience) + "?#" + strings.Join(home.sections, ","))
	queue := ts.cache.queues.m
	ts.cache.mu.Unlock()
	if ev == nil || rep == nil || dig == nil || len(queue) != 1 {
		t.Fatalf("after dataChanged: evidence %v, report %v, digest %v, %d queues; want all four", ev != nil, rep != nil, dig != nil, len(queue))
	}

	ts.cache.invalidate()
	const n = 4
	got := make([]*evidence.Evidence, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			var err error
			if got[i], err = ts.compute(ctx, filters{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i := 1; i < n; i++ {
		if got[i] == nil || got[i] != got[0] {
			t.Fatalf("%d requests at once built the evidence more than once", n)
		}
	}
	if got[0] == ev {
		t.Error("the evidence was not built again after the data changed")
	}
}

// TestChangedInPage: a change made in a page (the capacity register)
// forgets the figures at once and computes them again in the background,
// which Close waits for.
func TestChangedInPage(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	ev, err := ts.compute(context.Background(), filters{})
	if err != nil {
		t.Fatal(err)
	}
	ts.changedInPage()
	ts.cache.mu.Lock()
	gone := ts.cache.evidence.get("") == nil
	ts.cache.mu.Unlock()
	if !gone {
		t.Error("the figures computed before the change are still kept")
	}
	ts.background.Wait()
	ts.cache.mu.Lock()
	again, rep := ts.cache.evidence.get(""), ts.cache.reports.get(string(reports.Responsabile)+"?")
	ts.cache.mu.Unlock()
	if again == nil || again == ev || rep == nil {
		t.Errorf("after the background work: evidence %v (the old one: %v), report %v", again != nil, again == ev, rep != nil)
	}
}

// TestForecastsSharedByPeriods: the forecasts depend on the cartelle
// alone, so two periods of the same data share one computation, which a
// change of the capacity register keeps and an import forgets; and the
// shared forecasts are those evidence.Build computes by itself.
func TestForecastsSharedByPeriods(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	ctx := context.Background()
	year := func(y int) filters {
		return filters{From: time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)}
	}
	first, err := ts.compute(ctx, year(2024))
	if err != nil {
		t.Fatal(err)
	}
	second, err := ts.compute(ctx, year(2025))
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Plan.Forecasts) == 0 || &first.Plan.Forecasts[0] != &second.Plan.Forecasts[0] {
		t.Fatalf("two periods computed the forecasts twice (%d forecasts)", len(first.Plan.Forecasts))
	}
	alone, err := evidence.Build(ctx, ts.db, evidence.Params{From: year(2025).From, To: year(2025).To})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(alone.Plan.Forecasts, second.Plan.Forecasts) {
		t.Error("the shared forecasts differ from those evidence.Build computes by itself")
	}
	ts.cache.invalidateFigures()
	third, err := ts.compute(ctx, year(2025))
	if err != nil {
		t.Fatal(err)
	}
	if third == second || &third.Plan.Forecasts[0] != &second.Plan.Forecasts[0] {
		t.Error("a change of the capacity register forgot the forecasts, or not the evidence")
	}
	ts.cache.invalidate()
	fourth, err := ts.compute(ctx, year(2025))
	if err != nil {
		t.Fatal(err)
	}
	if &fourth.Plan.Forecasts[0] == &second.Plan.Forecasts[0] {
		t.Error("the data changed and the forecasts were kept")
	}
}
