package ingest

import (
	"fmt"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TestDupFinder: keys repeated in other batches are found; distinct keys
// are not reported.
func TestDupFinder(t *testing.T) {
	t.Parallel()
	schema := arrow.NewSchema([]arrow.Field{{Name: "id", Type: arrow.BinaryTypes.String}}, nil)
	for _, tt := range []struct {
		name  string
		extra []string
		want  bool
	}{
		{"distinct", []string{"H1", "H2"}, false},
		{"repeated across batches", []string{"H1", "G17"}, true},
		{"repeated in the last batch", []string{"G199999", "H1"}, true},
	} {
		d := newDupFinder(0, 1000)
		b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
		for i := range 200_000 {
			b.Field(0).(*array.StringBuilder).Append(fmt.Sprint("G", i))
			if i%2048 == 2047 {
				d.add(b.NewRecordBatch())
			}
		}
		for _, k := range tt.extra {
			b.Field(0).(*array.StringBuilder).Append(k)
		}
		d.add(b.NewRecordBatch())
		b.Release()
		if got := d.repeated(); got != tt.want {
			t.Errorf("%s: repeated = %v, want %v", tt.name, got, tt.want)
		}
	}
}
