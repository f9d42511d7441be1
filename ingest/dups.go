package ingest

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/bits-and-blooms/bloom/v3"
)

// dupFinder finds the keys a first load may repeat without keeping every
// key: a Bloom filter, which never misses a key it was given, flags each
// key that may have come before, and the flagged keys (the repeated ones
// and about one in a thousand others) are kept exactly. The load then
// looks for duplicates only among them, instead of sorting the whole
// table by key (2.6 s on 10,000,000 rows).
type dupFinder struct {
	col   int // the key column in the stream
	seen  *bloom.BloomFilter
	maybe map[string]struct{}
}

// newDupFinder sizes the filter for rows keys (about 1.8 MB a million);
// more rows only flag more keys.
func newDupFinder(col, rows int) *dupFinder {
	return &dupFinder{col: col, seen: bloom.NewWithEstimates(uint(max(rows, 100_000)), 0.001), maybe: map[string]struct{}{}}
}

// add runs the keys of a batch through the filter, before the batch goes
// to DuckDB, which releases its memory.
func (d *dupFinder) add(rec arrow.RecordBatch) {
	keys := rec.Column(d.col).(*array.String)
	for i := range keys.Len() {
		k := keys.Value(i)
		if d.seen.TestOrAddString(k) {
			d.maybe[strings.Clone(k)] = struct{}{}
		}
	}
}

// candidates are the keys that may be repeated.
func (d *dupFinder) candidates() []string {
	out := make([]string, 0, len(d.maybe))
	for k := range d.maybe {
		out = append(out, k)
	}
	return out
}
