package table

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
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
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		r, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if n++; n%100_000 == 0 {
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
