package analytics

import (
	"maps"
	"testing"
)

// flowFixture: six cartelle around 2025 (see each comment). Expected, by
// hand: open at the end of 31/12/2024 are f1 and f4 (2); January opens f2
// and closes f4; March opens f3 and closes f2 (on its last day); December
// opens f5 and closes f3 on the reference date. Every month ends with two
// cartelle open.
var flowFixture = []string{
	kase{id: "f1", area: "anziani", opened: "2024-06-01", operator: "op1"}.sql(),
	kase{id: "f2", area: "anziani", opened: "2025-01-15", closed: "2025-03-31", reason: "conclusione", operator: "op1"}.sql(),   // 75 days
	kase{id: "f3", area: "anziani", opened: "2025-03-31", closed: "2025-12-31", reason: "trasferimento", operator: "op2"}.sql(), // 275 days
	assign("f3", "op1", "2025-03-31", "2025-06-30"),
	assign("f3", "op2", "2025-07-01", ""),
	kase{id: "f4", opened: "2024-12-31", closed: "2025-01-01", operator: "op2"}.sql(), // 1 day, no area, no reason
	kase{id: "f5", area: "disabili", opened: "2025-12-31", operator: "op2"}.sql(),
	kase{id: "f6", area: "anziani", opened: "2023-01-01", closed: "2024-12-31", reason: "decesso"}.sql(), // before the period
}

func TestFlowsMonthly(t *testing.T) {
	a := analyze2025(t, newDB(t, flowFixture...), nil)
	want := map[string][3]int{ // month: opened, closed, open_end
		"2025-01": {1, 1, 2}, "2025-03": {1, 1, 2}, "2025-12": {1, 1, 2},
	}
	if len(a.Flows) != 12 {
		t.Fatalf("%d months, want 12", len(a.Flows))
	}
	for _, m := range a.Flows {
		w, ok := want[m.Month]
		if !ok {
			w = [3]int{0, 0, 2}
		}
		if got := [3]int{m.Opened, m.Closed, m.OpenEnd}; got != w {
			t.Errorf("%s: opened, closed, open_end = %v, want %v", m.Month, got, w)
		}
	}
	if tot := a.FlowTotals; tot.OpenStart != 2 || tot.Opened != 3 || tot.Closed != 3 || tot.OpenEnd != 2 || !near(tot.InflowOutflow, 1) {
		t.Errorf("totals %+v (ratio %s), want start 2, opened 3, closed 3, end 2, ratio 1", tot, fmtPtr(tot.InflowOutflow))
	}
	if a.Flows[1].InflowOutflow != nil {
		t.Errorf("February closed nothing: ratio %s, want null", fmtPtr(a.Flows[1].InflowOutflow))
	}
	wantReasons := map[string]int{"conclusione": 1, "trasferimento": 1, "non_indicato": 1, "inattivita": 0, "decesso": 0, "altro": 0}
	if !maps.Equal(a.ClosedByReason, wantReasons) {
		t.Errorf("closed_by_reason %v, want %v", a.ClosedByReason, wantReasons)
	}
}

// TestFlowsStockIdentity: open_end(m) = open_end(m−1) + opened(m) − closed(m).
func TestFlowsStockIdentity(t *testing.T) {
	a := analyze2025(t, newDB(t, flowFixture...), nil)
	prev := a.FlowTotals.OpenStart
	for _, m := range a.Flows {
		if m.OpenEnd != prev+m.Opened-m.Closed {
			t.Errorf("%s: open_end %d ≠ %d + %d − %d", m.Month, m.OpenEnd, prev, m.Opened, m.Closed)
		}
		prev = m.OpenEnd
	}
}

func TestFlowsByGroup(t *testing.T) {
	a := analyze2025(t, newDB(t, flowFixture...), nil)
	type cell struct{ key, month string }
	index := func(gs []GroupFlow) map[cell][3]int {
		m := map[cell][3]int{}
		for _, g := range gs {
			m[cell{g.Key, g.Month}] = [3]int{g.Opened, g.Closed, g.OpenEnd}
		}
		return m
	}
	tests := []struct {
		name string
		got  map[cell][3]int
		want map[cell][3]int
	}{
		{"area", index(a.FlowsByArea), map[cell][3]int{
			{"anziani", "2025-01"}:      {1, 0, 2}, // f1, f2
			{"anziani", "2025-03"}:      {1, 1, 2}, // f3 in, f2 out
			{"anziani", "2025-12"}:      {0, 1, 1}, // f3 out
			{"non_indicata", "2025-01"}: {0, 1, 0}, // f4
			{"disabili", "2025-12"}:     {1, 0, 1}, // f5
			{"disabili", "2025-11"}:     {0, 0, 0},
		}},
		// Each event counts for the operator holding the case that day: f3
		// opens with op1 and closes with op2.
		{"operator", index(a.FlowsByOperator), map[cell][3]int{
			{"op1", "2025-03"}: {1, 1, 2}, // f3 opened; f2 closed; f1 and f3 open
			{"op1", "2025-06"}: {0, 0, 2},
			{"op1", "2025-07"}: {0, 0, 1}, // f3 moved to op2
			{"op2", "2025-01"}: {0, 1, 0}, // f4
			{"op2", "2025-07"}: {0, 0, 1},
			{"op2", "2025-12"}: {1, 1, 1}, // f5 in, f3 out
		}},
	}
	for _, tt := range tests {
		for c, w := range tt.want {
			if g := tt.got[c]; g != w {
				t.Errorf("%s %v: opened, closed, open_end = %v, want %v", tt.name, c, g, w)
			}
		}
	}
	for _, g := range a.FlowsByComune {
		if g.Key != "016198" || g.Label != "Seriate" {
			t.Errorf("comune flow %+v: want only Seriate", g)
		}
	}
	if len(a.FlowsByComune) != 12 {
		t.Errorf("%d comune rows, want 12", len(a.FlowsByComune))
	}
}

func TestTimeToClose(t *testing.T) {
	a := analyze2025(t, newDB(t, flowFixture...), nil)
	// Closed in 2025: f4 after 1 day, f2 after 75, f3 after 275.
	all := a.TimeToClose.All
	if all.Closed != 3 || !near(all.Median, 75) || !near(all.Mean, 117) || !near(all.P25, 38) || !near(all.P90, 235) {
		t.Errorf("all: n %d median %s mean %s p25 %s p90 %s; want 3, 75, 117, 38, 235",
			all.Closed, fmtPtr(all.Median), fmtPtr(all.Mean), fmtPtr(all.P25), fmtPtr(all.P90))
	}
	wantBuckets := []int{1, 1, 0, 1, 0, 0}
	for i, b := range all.Buckets {
		if b.Count != wantBuckets[i] {
			t.Errorf("bucket %s: %d, want %d", b.Label, b.Count, wantBuckets[i])
		}
	}
	if len(a.TimeToClose.ByArea) != 2 {
		t.Fatalf("by area: %+v", a.TimeToClose.ByArea)
	}
	anz, none := a.TimeToClose.ByArea[0], a.TimeToClose.ByArea[1]
	if anz.Area != "anziani" || anz.Closed != 2 || !near(anz.Median, 175) {
		t.Errorf("anziani: %+v median %s, want 2 closed, median 175", anz, fmtPtr(anz.Median))
	}
	if none.Area != "non_indicata" || none.Closed != 1 || !near(none.Median, 1) {
		t.Errorf("no area: %+v, want 1 closed after 1 day", none)
	}
}

func TestReopenings(t *testing.T) {
	db := newDB(t,
		kase{id: "r1", person: "R", opened: "2023-01-01", closed: "2024-03-01"}.sql(),
		kase{id: "r2", person: "R", opened: "2025-03-01"}.sql(), // 12 months to the day: a re-opening
		kase{id: "s1", person: "S", opened: "2023-01-01", closed: "2024-02-28"}.sql(),
		kase{id: "s2", person: "S", opened: "2025-03-01"}.sql(), // 12 months and a day: new
		kase{id: "t1", person: "T", opened: "2024-01-01", closed: "2025-05-01"}.sql(),
		kase{id: "t2", person: "T", opened: "2025-05-01"}.sql(), // same day as the closure
		kase{id: "u1", person: "U", opened: "2024-01-01"}.sql(),
		kase{id: "u2", person: "U", opened: "2025-06-01"}.sql(), // the earlier one never closed
	)
	r := analyze2025(t, db, nil).Reopenings
	if r.Opened != 4 || r.Reopened != 2 || !near(r.Share, 0.5) || r.WindowMonths != 12 {
		t.Errorf("%+v (share %s), want 2 of 4 within 12 months", r, fmtPtr(r.Share))
	}
}

func TestAccessVolume(t *testing.T) {
	db := newDB(t,
		act{id: "s1", day: "2025-01-07", kind: "access", minutes: 30}.sql(),
		act{id: "s2", day: "2025-01-20", kind: "access", minutes: 45}.sql(),
		act{id: "a1", day: "2025-01-08", kind: "access", istat: "016003", minutes: 20}.sql(),
		act{id: "s3", day: "2025-02-03", kind: "access", minutes: 10}.sql(),
		act{id: "x1", day: "2025-02-04", kind: "access", istat: "-", minutes: 5}.sql(),
		act{id: "c1", day: "2025-01-09", kind: "community", minutes: 60}.sql(),
		act{id: "old", day: "2024-12-30", kind: "access", minutes: 60}.sql(),
	)
	got := analyze2025(t, db, nil).Access
	want := []AccessVolume{
		{"2025-01", "016003", "Albano Sant'Alessandro", 1, 20},
		{"2025-01", "016198", "Seriate", 2, 75},
		{"2025-02", "", "", 1, 5},
		{"2025-02", "016198", "Seriate", 1, 10},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}
