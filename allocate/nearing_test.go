package allocate

import (
	"strings"
	"testing"

	"github.com/carico/carico/facts"
)

// TestNearing: an istanza is «in scadenza» from NearingDays days before
// its term to the term's day; past the term it is overdue instead, and a
// cartella waiting for a holder has no term. NearingItems keeps the
// holder's own istanze only, and says when the term falls.
func TestNearing(t *testing.T) {
	t.Parallel()
	at := d("2025-12-31")
	cfg := DefaultQueueConfig()
	// Received so that, with a 30-day term, the days left are: 8, 7, 1,
	// 0, -1.
	istanze := []facts.PendingIstanza{
		{CaseID: "8", Initiative: "istanza", Received: d("2025-12-09"), Holder: "A"},
		{CaseID: "7", Initiative: "istanza", Received: d("2025-12-08"), Holder: "A"},
		{CaseID: "1", Initiative: "istanza", Received: d("2025-12-02"), Holder: "A"},
		{CaseID: "0", Initiative: "istanza", Received: d("2025-12-01"), Holder: "A"},
		{CaseID: "-1", Initiative: "istanza", Received: d("2025-11-30"), Holder: "A"},
		{CaseID: "other", Initiative: "istanza", Received: d("2025-12-05"), Holder: "B"},
	}
	unheld := []facts.Unheld{{CaseID: "u", Kind: KindNever, Since: d("2025-12-30"), Opened: d("2025-12-30")}}
	term := func(string, string) int { return 30 }
	items := Queue(at, unheld, istanze, term, nil, cfg)
	nearing := map[string]bool{}
	for _, it := range items {
		if it.Nearing(cfg) {
			nearing[it.Cartella] = true
		}
		if it.Nearing(cfg) && it.Overdue() {
			t.Errorf("%s: both nearing and overdue", it.Cartella)
		}
	}
	for id, want := range map[string]bool{"8": false, "7": true, "1": true, "0": true, "-1": false, "other": true, "u": false} {
		if nearing[id] != want {
			t.Errorf("cartella %s: nearing %v, want %v", id, nearing[id], want)
		}
	}

	due := NearingItems(items, "A", cfg)
	var got []string
	for _, d := range due {
		got = append(got, d.Cartella+" "+d.Date.Format("02/01"))
	}
	if want := "0 31/12|1 01/01|7 07/01"; strings.Join(got, "|") != want {
		t.Errorf("A's istanze nearing their term: %q, want %q", strings.Join(got, "|"), want)
	}
	for i, want := range []string{
		"presentata il 01/12/2025: il termine di 30 giorni scade il 31/12/2025, lo stesso giorno della data di riferimento",
		"il termine di 30 giorni scade il 01/01/2026, un giorno dopo la data di riferimento",
		"scade il 07/01/2026, 7 giorni dopo la data di riferimento",
	} {
		if i < len(due) && (!strings.Contains(due[i].What, want) || due[i].Kind != "istanza_in_scadenza") {
			t.Errorf("line %d: %q (%s), want it to contain %q", i, due[i].What, due[i].Kind, want)
		}
	}
	if none := NearingItems(items, "C", cfg); len(none) != 0 {
		t.Errorf("an operator holding nothing: %d istanze", len(none))
	}
}
