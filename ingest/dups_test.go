package ingest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TestDupFinder: every repeated key is a candidate, and few others are.
func TestDupFinder(t *testing.T) {
	t.Parallel()
	const n = 200_000
	schema := arrow.NewSchema([]arrow.Field{{Name: "id", Type: arrow.BinaryTypes.String}}, nil)
	d := newDupFinder(0, n)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for i := range n {
		b.Field(0).(*array.StringBuilder).Append(fmt.Sprint("G", i))
		if i%2048 == 2047 {
			d.add(b.NewRecordBatch())
		}
	}
	for _, k := range []string{"G17", "G199999", "G17"} {
		b.Field(0).(*array.StringBuilder).Append(k)
	}
	d.add(b.NewRecordBatch())
	got := d.candidates()
	for _, k := range []string{"G17", "G199999"} {
		if !slices.Contains(got, k) {
			t.Errorf("repeated key %s is not a candidate", k)
		}
	}
	if len(got) > n/500 {
		t.Errorf("%d candidates for %d keys, want under %d (0.2%%)", len(got), n, n/500)
	}
}
