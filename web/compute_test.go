package web

import (
	"context"
	"strings"
	"sync"
	"testing"

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
