package ingest

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// heapHeadroom is how much garbage the Go heap may gather, above what is
// live, before the garbage collector runs while rows stream (see
// paceHeap).
const heapHeadroom = 64 << 20

// paceHeap keeps, while rows stream, the garbage collector's target at the
// live heap plus heapHeadroom, instead of twice the live heap (GOGC=100,
// Go's default): the first load's duplicate finder keeps 8 bytes a row
// live, 80-110 MB on 10,000,000 rows, and with the default as much
// garbage again piled up between two collections — a fifth of the
// import's peak memory (see docs/scale.md). The mapping's garbage is
// short-lived and the live heap holds few pointers, so the more frequent
// collections cost little. pace recomputes the target from the live heap
// (call it now and then: the live heap grows with the rows); done puts the
// setting back when the last import running in the process ends. The
// target never rises above the process's own setting.
func paceHeap() (pace, done func()) {
	pacing.Lock()
	if pacing.n == 0 {
		gogc := []metrics.Sample{{Name: "/gc/gogc:percent"}}
		metrics.Read(gogc)
		pacing.prev = int(gogc[0].Value.Uint64())
	}
	pacing.n++
	pacing.Unlock()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	pace = func() {
		metrics.Read(sample)
		live := sample[0].Value.Uint64()
		pacing.Lock()
		defer pacing.Unlock()
		if p, ok := pacedPercent(pacing.prev, live); ok {
			debug.SetGCPercent(p)
		}
	}
	done = func() {
		pacing.Lock()
		defer pacing.Unlock()
		if pacing.n--; pacing.n == 0 && pacing.prev > 0 {
			debug.SetGCPercent(pacing.prev)
		}
	}
	return pace, done
}

// pacedPercent is the GOGC that puts the collector's target heapHeadroom
// above a live heap of live bytes, with the process's own GOGC prev as its
// ceiling and 10 as its floor; false when the collector is off (prev
// below 1) or has not run yet (live 0).
func pacedPercent(prev int, live uint64) (int, bool) {
	if prev <= 0 || live == 0 {
		return 0, false
	}
	return min(prev, max(10, int(heapHeadroom*100/live))), true
}

// pacing is the process's garbage-collection setting before the imports
// running now paced it, and how many run.
var pacing struct {
	sync.Mutex
	n, prev int
}
