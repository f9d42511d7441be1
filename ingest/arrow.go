package ingest

import (
	"fmt"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// The staging rows reach DuckDB as Apache Arrow record batches: columns
// built in Go memory by the mappers, in parallel, that DuckDB reads through
// Arrow's C interface without a call into C per value. The appender, which
// makes such a call for every string, was the import's bottleneck: on two
// cores it staged 10,000,000 rows in 17 s, the Arrow stream in about half.
//
// duckdb-go compiles its Arrow interface only with the build tag
// duckdb_arrow, which the Makefile and the release set (arrow_scan.go);
// without it the batches reach DuckDB through the appender
// (arrow_appender.go), slower, with the same result.

// arrowSchema is the Arrow schema of a kind's staging rows: the source line
// when withLine, then the staging columns. ENUM columns travel as strings;
// DuckDB casts them on insert.
//
// An INSERT must read every column of the stream: DuckDB 1.5.6 crashes on
// an Arrow stream whose first column a query leaves out (it pushes the
// projection down to the scan), so a first load, which has no use for the
// line, streams without it.
func arrowSchema(sp *spec, withLine bool) *arrow.Schema {
	var fields []arrow.Field
	if withLine {
		fields = append(fields, arrow.Field{Name: "line", Type: arrow.PrimitiveTypes.Int32})
	}
	for _, c := range sp.stage {
		fields = append(fields, arrow.Field{Name: c.name, Type: arrowType(c.typ), Nullable: true})
	}
	return arrow.NewSchema(fields, nil)
}

func arrowType(sqlType string) arrow.DataType {
	switch sqlType {
	case "DATE":
		return arrow.FixedWidthTypes.Date32
	case "TIME":
		return arrow.FixedWidthTypes.Time64us
	case "TINYINT":
		return arrow.PrimitiveTypes.Int8
	case "SMALLINT":
		return arrow.PrimitiveTypes.Int16
	case "INTEGER":
		return arrow.PrimitiveTypes.Int32
	case "BIGINT":
		return arrow.PrimitiveTypes.Int64
	case "DOUBLE":
		return arrow.PrimitiveTypes.Float64
	case "BOOLEAN":
		return arrow.FixedWidthTypes.Boolean
	default:
		return arrow.BinaryTypes.String
	}
}

// batchBuilder turns mapped rows into one Arrow record batch. Each mapper
// has its own.
type batchBuilder struct {
	b *array.RecordBuilder
	// lines is whether the first column is the source line.
	lines bool
	n     int // rows added since the last batch
	// rows and text are the sizes of the last batch, reserved for the next
	// one so that its buffers are not grown value by value.
	rows    int
	textLen []int
	// scratch builds the prefixed IDs.
	scratch []byte
}

func newBatchBuilder(schema *arrow.Schema) *batchBuilder {
	return &batchBuilder{b: array.NewRecordBuilder(memory.DefaultAllocator, schema), textLen: make([]int, len(schema.Fields())),
		lines: schema.Field(0).Name == "line"}
}

func (bb *batchBuilder) reserve() {
	bb.b.Reserve(bb.rows)
	for i, n := range bb.textLen {
		if s, ok := bb.b.Field(i).(*array.StringBuilder); ok && n > 0 {
			s.ReserveData(n)
		}
	}
}

// add appends one staging row: its line and its values, in the order of
// the staging columns. A value of a Go type the column cannot take is a
// bug in the kind's build function, reported as such.
func (bb *batchBuilder) add(line int, vals []any) error {
	bb.row(line)
	for i, v := range vals {
		if err := appendValue(bb.col(i), v); err != nil {
			return fmt.Errorf("colonna %s, riga %d: %w", bb.b.Schema().Field(bb.first()+i).Name, line, err)
		}
	}
	return nil
}

// row starts a staging row: its line, when the batch carries it. Every
// staging column then takes one value, through add or, for a kind's write
// function, the typed appenders below.
func (bb *batchBuilder) row(line int) {
	if bb.n == 0 {
		bb.reserve()
	}
	bb.n++
	if bb.lines {
		bb.b.Field(0).(*array.Int32Builder).Append(int32(line))
	}
}

// first is the position of the first staging column in the batch.
func (bb *batchBuilder) first() int {
	if bb.lines {
		return 1
	}
	return 0
}

// col is the builder of the i-th staging column.
func (bb *batchBuilder) col(i int) array.Builder { return bb.b.Field(bb.first() + i) }

// The typed appenders write one value into the i-th staging column. A
// column of another type is a bug in the kind's write function: the value
// is not written, the batch is refused (see batch) and the import stops.

func (bb *batchBuilder) text(i int, s string) {
	if c, ok := bb.col(i).(*array.StringBuilder); ok {
		c.Append(s)
	}
}

// textIf appends s when ok, NULL otherwise.
func (bb *batchBuilder) textIf(i int, s string, ok bool) {
	if !ok {
		bb.col(i).AppendNull()
		return
	}
	bb.text(i, s)
}

// prefixed appends id under the namespace source ("source:id", as
// mapper.sourceID writes it) without building the string; NULL when id
// is "".
func (bb *batchBuilder) prefixed(i int, source, id string) {
	c, ok := bb.col(i).(*array.StringBuilder)
	switch {
	case !ok:
	case id == "":
		c.AppendNull()
	case source == "":
		c.Append(id)
	default:
		bb.scratch = append(append(append(bb.scratch[:0], source...), ':'), id...)
		c.BinaryBuilder.Append(bb.scratch)
	}
}

func (bb *batchBuilder) date(i int, t time.Time) {
	if c, ok := bb.col(i).(*array.Date32Builder); ok {
		c.Append(arrow.Date32FromTime(t))
	}
}

// clock appends the time of day of t when ok, NULL otherwise.
func (bb *batchBuilder) clock(i int, t time.Time, ok bool) {
	c, isTime := bb.col(i).(*array.Time64Builder)
	switch {
	case !isTime:
	case ok:
		c.Append(time64Of(t))
	default:
		c.AppendNull()
	}
}

func (bb *batchBuilder) int32(i int, n int) {
	if c, ok := bb.col(i).(*array.Int32Builder); ok {
		c.Append(int32(n))
	}
}

func (bb *batchBuilder) boolean(i int, v bool) {
	if c, ok := bb.col(i).(*array.BooleanBuilder); ok {
		c.Append(v)
	}
}

// time64Of is the time of day of t as an Arrow TIME (microseconds).
func time64Of(t time.Time) arrow.Time64 {
	h, m, s := t.Clock()
	return arrow.Time64((int64(h)*3600+int64(m)*60+int64(s))*1e6 + int64(t.Nanosecond()/1e3))
}

// batch returns the rows added so far as a record batch and empties the
// builder; nil when there were none. A column with fewer or more values
// than the batch has rows — a bug in a kind's write function — is an
// error, never a batch.
func (bb *batchBuilder) batch() (arrow.RecordBatch, error) {
	bb.rows, bb.n = bb.n, 0
	if bb.rows == 0 {
		return nil, nil
	}
	for i := range bb.textLen {
		f := bb.b.Field(i)
		if f.Len() != bb.rows {
			err := fmt.Errorf("colonna %s: %d valori per %d righe", bb.b.Schema().Field(i).Name, f.Len(), bb.rows)
			for j := range bb.textLen { // empties the builder
				bb.b.Field(j).NewArray().Release()
			}
			return nil, err
		}
		if s, ok := f.(*array.StringBuilder); ok {
			bb.textLen[i] = s.DataLen()
		}
	}
	return bb.b.NewRecordBatch(), nil
}

func (bb *batchBuilder) release() { bb.b.Release() }

func appendValue(b array.Builder, v any) error {
	if v == nil {
		b.AppendNull()
		return nil
	}
	switch b := b.(type) {
	case *array.StringBuilder:
		if s, ok := v.(string); ok {
			b.Append(s)
			return nil
		}
	case *array.Date32Builder:
		if t, ok := v.(time.Time); ok {
			b.Append(arrow.Date32FromTime(t))
			return nil
		}
	case *array.Time64Builder:
		if t, ok := v.(time.Time); ok {
			b.Append(time64Of(t))
			return nil
		}
	case *array.Float64Builder:
		if f, ok := v.(float64); ok {
			b.Append(f)
			return nil
		}
	case *array.BooleanBuilder:
		if x, ok := v.(bool); ok {
			b.Append(x)
			return nil
		}
	case *array.Int8Builder:
		return appendInt(b.Append, v)
	case *array.Int16Builder:
		return appendInt(b.Append, v)
	case *array.Int32Builder:
		return appendInt(b.Append, v)
	case *array.Int64Builder:
		return appendInt(b.Append, v)
	}
	return fmt.Errorf("valore di tipo %T non previsto per una colonna %s", v, b.Type())
}

// appendInt appends v, an integer of any Go type, with add.
func appendInt[T int8 | int16 | int32 | int64](add func(T), v any) error {
	n, ok := integer(v)
	if !ok {
		return fmt.Errorf("valore di tipo %T non previsto per una colonna intera", v)
	}
	add(T(n))
	return nil
}

func integer(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int8:
		return int64(n), true
	case int16:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	}
	return 0, false
}

// batchStream is the Arrow record reader DuckDB pulls the staging rows
// from: the batches arrive on a channel in file order; Err reports why the
// stream ended early.
type batchStream struct {
	schema *arrow.Schema
	in     <-chan arrow.RecordBatch
	cur    arrow.RecordBatch
	mu     sync.Mutex
	err    error
}

func (s *batchStream) Retain()                        {}
func (s *batchStream) Release()                       {}
func (s *batchStream) Schema() *arrow.Schema          { return s.schema }
func (s *batchStream) Record() arrow.RecordBatch      { return s.cur }
func (s *batchStream) RecordBatch() arrow.RecordBatch { return s.cur }

func (s *batchStream) Next() bool {
	if s.cur != nil {
		s.cur.Release()
		s.cur = nil
	}
	rec, ok := <-s.in
	s.cur = rec
	return ok
}

func (s *batchStream) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

func (s *batchStream) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = err
	}
}
