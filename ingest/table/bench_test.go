package table

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/xuri/excelize/v2"
)

// BenchmarkCSVMillion streams a generated 1,000,000-row activity export and
// reports the peak live heap, which must stay flat however long the file:
//
//	go test ./ingest/table -run '^$' -bench CSVMillion -benchtime 1x
func BenchmarkCSVMillion(b *testing.B) {
	const rows = 1_000_000
	path := filepath.Join(b.TempDir(), "diario.csv")
	if err := writeActivities(path, rows); err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	benchStream(b, path, rows, 100_000, nil)
}

func writeActivities(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprint(w, "\uFEFFComune di Capua, elenco attività al 31/12/2025;;;;;;\r\nID intervento;Data;Operatore;N. cartella;Tipo attività;Durata;Note\r\n")
	kinds := []string{"Colloquio in sede", "Visita domiciliare", "Segretariato sociale", "Tavolo di rete"}
	for i := range n {
		fmt.Fprintf(w, "A-%07d;%02d/%02d/2025 %02d:%02d;Operatore %d;C-%05d;%s;%d,%d;\"nota; con \"\"virgolette\"\"\"\r\n",
			i, i%28+1, i%12+1, i%10+8, i%60, i%40, i%20000, kinds[i%4], i%3, i%10)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// BenchmarkXLSX streams a generated 100,000-row sheet with date cells and
// reports the peak live heap:
//
//	go test ./ingest/table -run '^$' -bench XLSX -benchtime 1x
func BenchmarkXLSX(b *testing.B) {
	const rows = 100_000
	path := filepath.Join(b.TempDir(), "diario.xlsx")
	if err := writeActivitiesXLSX(path, rows); err != nil {
		b.Fatal(err)
	}
	benchStream(b, path, rows, 10_000, func(n int, row Row) {
		if n == 0 && row.Fields[1] != "2025-01-02" {
			b.Fatalf("date cell read as %q", row.Fields[1])
		}
	})
}

// benchStream reads the file at path to its end in each iteration, checks
// it held rows rows (and each row with check, when given), and reports
// rows/s and the peak live heap, sampled every sample rows after a GC.
func benchStream(b *testing.B, path string, rows, sample int, check func(n int, row Row)) {
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		r, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			row, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if check != nil {
				check(n, row)
			}
			if n++; n%sample == 0 {
				runtime.GC()
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
			}
		}
		r.Close()
		if n != rows {
			b.Fatalf("read %d rows, want %d", n, rows)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func writeActivitiesXLSX(path string, n int) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	dmy := "dd/mm/yyyy"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dmy})
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{"ID intervento", "Data", "Operatore", "Tipo attività", "Minuti"}); err != nil {
		return err
	}
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		row := []any{fmt.Sprintf("A-%07d", i), excelize.Cell{StyleID: date, Value: 45659 + i%365},
			fmt.Sprintf("Operatore %d", i%40), "Colloquio", i % 120}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}
