package ingest

import (
	"runtime/debug"
	"testing"
)

func TestPacedPercent(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		prev int
		live uint64
		want int
		ok   bool
	}{
		{100, 32 << 20, 100, true}, // a small heap keeps the process's setting
		{100, 64 << 20, 100, true},
		{100, 128 << 20, 50, true}, // the duplicate finder of 10M rows: target live + 64 MB
		{100, 640 << 20, 10, true},
		{100, 64 << 30, 10, true}, // never below 10 %
		{50, 32 << 20, 50, true},  // never above the process's own GOGC
		{-1, 128 << 20, 0, false}, // collection off
		{100, 0, 0, false},        // no collection yet
	} {
		if got, ok := pacedPercent(c.prev, c.live); got != c.want || ok != c.ok {
			t.Errorf("pacedPercent(%d, %d) = %d, %v; want %d, %v", c.prev, c.live, got, ok, c.want, c.ok)
		}
	}
}

// TestPaceHeapRestores: the process's GOGC is back when the last of two
// overlapping imports ends, not before.
func TestPaceHeapRestores(t *testing.T) {
	old := debug.SetGCPercent(80)
	defer debug.SetGCPercent(old)
	pace1, done1 := paceHeap()
	_, done2 := paceHeap()
	pace1()
	debug.SetGCPercent(20) // as pace would with a large live heap
	done1()
	if got := debug.SetGCPercent(20); got != 20 {
		t.Errorf("GOGC after the first import ended: %d, want the paced 20", got)
	}
	done2()
	if got := debug.SetGCPercent(80); got != 80 {
		t.Errorf("GOGC after both ended: %d, want the process's 80", got)
	}
}
