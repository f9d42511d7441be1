package ingest

import (
	"hash/maphash"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// dupFinder tells whether a first load repeats a key, so that the load
// looks for the rows to supersede only when it does: sorting the whole
// table by key costs 1.3-2.6 s on 10,000,000 rows, and exports rarely
// repeat an ID. It keeps a 64-bit hash of every key (8 bytes a row, 80 MB
// for 10,000,000 rows) and sorts them at the end: equal hashes are a
// repeated key, or, about once in a billion loads of that size, two keys
// whose hashes collide, which costs only the sort the check avoids. The
// hashes go to 256 buckets by their first byte, sorted one by one: small
// sorts that fit the processor's cache, faster than one large sort.
type dupFinder struct {
	col     int // the key column in the stream
	seed    maphash.Seed
	buckets [256][]uint64
}

// newDupFinder makes room for about rows keys.
func newDupFinder(col, rows int) *dupFinder {
	d := &dupFinder{col: col, seed: maphash.MakeSeed()}
	for i := range d.buckets {
		d.buckets[i] = make([]uint64, 0, rows/256+rows/2560)
	}
	return d
}

// add hashes the keys of a batch before the batch goes to DuckDB, which
// releases its memory.
func (d *dupFinder) add(rec arrow.RecordBatch) {
	keys := rec.Column(d.col).(*array.String)
	for i := range keys.Len() {
		h := maphash.String(d.seed, keys.Value(i))
		d.buckets[h>>56] = append(d.buckets[h>>56], h)
	}
}

// repeated reports whether two keys may be the same. It runs when the
// stream has ended and DuckDB is idle, so the buckets are sorted on every
// core.
func (d *dupFinder) repeated() bool {
	var found atomic.Bool
	var wg sync.WaitGroup
	workers := max(runtime.GOMAXPROCS(0), 1)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(d.buckets) && !found.Load(); i += workers {
				b := d.buckets[i]
				slices.Sort(b)
				for j := 1; j < len(b); j++ {
					if b[j] == b[j-1] {
						found.Store(true)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	return found.Load()
}
