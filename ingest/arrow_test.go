package ingest

import (
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TestAppendValue: each staging type takes the Go values the kinds' build
// functions produce, and refuses others instead of storing a wrong value.
func TestAppendValue(t *testing.T) {
	t.Parallel()
	day := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	clock := time.Date(1970, 1, 1, 9, 30, 15, 0, time.UTC)
	for _, tt := range []struct {
		sqlType string
		v       any
		want    string // the array as Arrow prints it; "" for an error
	}{
		{"VARCHAR", "Bergamo", `["Bergamo"]`},
		{"VARCHAR", nil, "[(null)]"},
		{"DATE", day, "[2025-03-04]"},
		{"TIME", clock, "[09:30:15]"},
		{"INTEGER", 45, "[45]"},
		{"SMALLINT", int16(2025), "[2025]"},
		{"TINYINT", int8(3), "[3]"},
		{"DOUBLE", 0.5, "[0.5]"},
		{"INTEGER", "45", ""},
		{"DATE", "2025-03-04", ""},
		{"DOUBLE", 1, ""},
	} {
		b := array.NewBuilder(memory.DefaultAllocator, arrowType(tt.sqlType))
		err := appendValue(b, tt.v)
		arr := b.NewArray()
		got := arr.String()
		if tt.sqlType == "TIME" && err == nil {
			got = "[" + arr.(*array.Time64).Value(0).ToTime(arrow.Microsecond).Format(time.TimeOnly) + "]"
		}
		if tt.want == "" {
			if err == nil {
				t.Errorf("%s ← %T %v: no error", tt.sqlType, tt.v, tt.v)
			}
		} else if err != nil || got != tt.want {
			t.Errorf("%s ← %T %v = %s, %v; want %s", tt.sqlType, tt.v, tt.v, got, err, tt.want)
		}
		arr.Release()
		b.Release()
	}
}

// TestBatchRefusesShortColumns: a kind's write function that leaves a
// column without its value (a bug) makes the batch an error, never a
// record whose columns disagree, and the builder starts afresh.
func TestBatchRefusesShortColumns(t *testing.T) {
	t.Parallel()
	bb := newBatchBuilder(arrowSchema(specs["activities"], true))
	defer bb.release()
	bb.row(2)
	bb.text(0, "A1")
	if rec, err := bb.batch(); err == nil || rec != nil {
		t.Fatalf("batch with one column filled: %v, %v", rec, err)
	}
	rec, err := bb.batch()
	if err != nil || rec != nil {
		t.Errorf("the builder after a refused batch: %v, %v", rec, err)
	}
}
