package table

import (
	"archive/zip"
	"io"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A bomb is a small XLSX that expands to something huge: each shape must
// be refused in bounded memory and time, as a row error or a file error.
type bomb struct {
	name string
	want string // part of the error
	// part and fill replace one part of the fixture; size scales the shape.
	part string
	fill func(w io.Writer, size int)
}

const bombHeader = `<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>Data</t></is></c><c t="inlineStr"><is><t>Note</t></is></c></row>`

// repeat writes s n times through w in large chunks.
func repeat(w io.Writer, s string, n int) {
	chunk := strings.Repeat(s, max(1, (1<<20)/len(s)))
	per := len(chunk) / len(s)
	for ; n >= per; n -= per {
		io.WriteString(w, chunk)
	}
	io.WriteString(w, strings.Repeat(s, n))
}

var bombs = []bomb{
	{name: "one huge cell", want: "cella più lunga", part: "xl/worksheets/sheet2.xml", fill: func(w io.Writer, size int) {
		io.WriteString(w, bombHeader+`<row r="2"><c t="inlineStr"><is><t>01/02/2025</t></is></c><c t="inlineStr"><is><t>`)
		repeat(w, "x", size)
		io.WriteString(w, `</t></is></c></row></sheetData></worksheet>`)
	}},
	{name: "one row of millions of cells", want: "16384 colonne", part: "xl/worksheets/sheet2.xml", fill: func(w io.Writer, size int) {
		io.WriteString(w, bombHeader+`<row r="2">`)
		repeat(w, `<c/>`, size/4)
		io.WriteString(w, `</row></sheetData></worksheet>`)
	}},
	{name: "one huge shared string", want: "tabella dei testi condivisi", part: "xl/sharedStrings.xml", fill: func(w io.Writer, size int) {
		io.WriteString(w, `<sst><si><t>`)
		repeat(w, "x", min(size, MaxSharedStrings-64))
		io.WriteString(w, `</t></si></sst>`)
	}},
	{name: "one huge attribute", want: "elemento XML", part: "xl/worksheets/sheet2.xml", fill: func(w io.Writer, size int) {
		io.WriteString(w, bombHeader+`<row r="2"><c r="A2" x="`)
		repeat(w, "x", size)
		io.WriteString(w, `"/></row></sheetData></worksheet>`)
	}},
	{name: "one row of wide long cells", want: "riga più lunga", part: "xl/worksheets/sheet2.xml", fill: func(w io.Writer, size int) {
		io.WriteString(w, bombHeader+`<row r="2">`)
		cell := `<c t="inlineStr"><is><t>` + strings.Repeat("x", MaxCell) + `</t></is></c>`
		repeat(w, cell, min(MaxColumns, max(1, size/MaxCell)))
		io.WriteString(w, `</row></sheetData></worksheet>`)
	}},
}

// refuse reads the bomb's workbook to the end and returns the first error,
// the time taken and the peak heap in use above the start, sampled.
func refuse(tb testing.TB, zr *zip.Reader) (error, time.Duration, uint64) {
	tb.Helper()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > base && m.HeapInuse-base > peak.Load() {
				peak.Store(m.HeapInuse - base)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	start := time.Now()
	var first error
	r, err := newXLSX("bomba.xlsx", zr, io.NopCloser(nil), Options{Sheet: "Diario"})
	if err != nil {
		first = err
	} else {
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil && first == nil {
				first = err
			}
			if err != nil && !isRowError(err) {
				break
			}
		}
		r.Close()
	}
	took := time.Since(start)
	close(stop)
	<-done
	return first, took, peak.Load()
}

// isRowError reports whether reading goes on after err.
func isRowError(err error) bool {
	return strings.Contains(err.Error(), "cella più lunga")
}

func bombWorkbook(tb testing.TB, b bomb, size int) *zip.Reader {
	return workbookWith(tb, map[string]func(io.Writer){b.part: func(w io.Writer) { b.fill(w, size) }})
}

// TestXLSXBombs: every shape, at 64 MB, is refused with its error without
// holding the expanded text (BenchmarkXLSXBomb runs them at 1 GB).
func TestXLSXBombs(t *testing.T) {
	for _, b := range bombs {
		t.Run(b.name, func(t *testing.T) {
			zr := bombWorkbook(t, b, 64<<20)
			err, took, peak := refuse(t, zr)
			if err == nil || !strings.Contains(err.Error(), b.want) {
				t.Fatalf("err = %v, want one with %q", err, b.want)
			}
			if len(err.Error()) > 400 {
				t.Errorf("error of %d bytes", len(err.Error()))
			}
			t.Logf("refused in %v, peak heap +%d MB", took, peak>>20)
			if peak > 48<<20 {
				t.Errorf("peak heap +%d MB for a 64 MB shape: the reader holds it", peak>>20)
			}
		})
	}
}

// BenchmarkXLSXBomb reports, for each shape at 1 GB expanded, the time to
// refuse and the peak heap; the goal is under 10 s and 300 MB.
func BenchmarkXLSXBomb(b *testing.B) {
	for _, bm := range bombs {
		b.Run(strings.ReplaceAll(bm.name, " ", "_"), func(b *testing.B) {
			zr := bombWorkbook(b, bm, 1<<30)
			b.ResetTimer()
			var worst time.Duration
			var most uint64
			for range b.N {
				err, took, peak := refuse(b, zr)
				if err == nil || !strings.Contains(err.Error(), bm.want) {
					b.Fatalf("err = %v", err)
				}
				worst, most = max(worst, took), max(most, peak)
			}
			b.ReportMetric(worst.Seconds(), "s-to-refuse")
			b.ReportMetric(float64(most)/(1<<20), "peak-heap-MB")
		})
	}
}
