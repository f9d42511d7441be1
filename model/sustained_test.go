package model

import (
	"testing"
	"time"
)

// TestSustained judges hand-built weekly snapshots, newest first, with a
// threshold of 4 weeks: a run of 5 critical weeks since the fifth
// snapshot; 3 is not enough; a critical week older than a non-critical
// one does not join the run; a week in attenzione breaks it.
func TestSustained(t *testing.T) {
	t.Parallel()
	at := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	weeks := func(statuses ...Status) []WeekLoad {
		out := make([]WeekLoad, len(statuses))
		for i, s := range statuses {
			out[i] = WeekLoad{Day: DateOf(at.AddDate(0, 0, -7*i)), Status: s}
		}
		return out
	}
	c, w, ok := StatusCritical, StatusWarning, StatusOK
	for _, tc := range []struct {
		name  string
		weeks []WeekLoad
		want  int
		since string
	}{
		{"five", weeks(c, c, c, c, c, ok, c), 5, "2025-12-03"},
		{"exactly four", weeks(c, c, c, c, w), 4, "2025-12-10"},
		{"three", weeks(c, c, c, ok, c, c, c, c), 0, ""},
		{"not now", weeks(w, c, c, c, c, c), 0, ""},
		{"none", nil, 0, ""},
	} {
		got := Sustained(tc.weeks, 4)
		since := ""
		if got.Since != nil {
			since = got.Since.Format(time.DateOnly)
		}
		if got.Weeks != tc.want || since != tc.since {
			t.Errorf("%s: %d weeks since %q, want %d since %q", tc.name, got.Weeks, since, tc.want, tc.since)
		}
	}
	if weekDays(at)[1] != at.AddDate(0, 0, -7) || len(weekDays(at)) != SustainedLookbackWeeks {
		t.Error("weekly snapshots are not every 7 days back from the reference date")
	}
}
