package main

import (
	"log/slog"
	"testing"
	"time"
)

// TestLogInItalianTime: the log's times are Italian time, summer and
// winter, whatever the machine's zone.
func TestLogInItalianTime(t *testing.T) {
	t.Parallel()
	for utc, want := range map[string]string{"2026-01-15T12:00:00Z": "13:00 +0100", "2026-07-15T12:00:00Z": "14:00 +0200"} {
		at, _ := time.Parse(time.RFC3339, utc)
		a := italianTime(nil, slog.Time(slog.TimeKey, at))
		if got := a.Value.Time().Format("15:04 -0700"); got != want {
			t.Errorf("%s logged as %s, want %s", utc, got, want)
		}
	}
}
