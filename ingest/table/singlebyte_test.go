package table

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// decodeBoth decodes b with singleByte and with x/text's decoder of cm,
// reading through readers that hand a few bytes at a time (every split of
// the input and of the output buffer is met).
func decodeBoth(t testing.TB, cm *charmap.Charmap, b []byte) (got, want []byte) {
	t.Helper()
	got, err := io.ReadAll(iotest.OneByteReader(transform.NewReader(iotest.HalfReader(bytes.NewReader(b)), newSingleByte(cm))))
	if err != nil {
		t.Fatal(err)
	}
	whole, _, err := transform.Bytes(newSingleByte(cm), b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(whole, got) {
		t.Fatalf("singleByte read a byte at a time %q, whole %q", got, whole)
	}
	want, err = io.ReadAll(transform.NewReader(bytes.NewReader(b), cm.NewDecoder()))
	if err != nil {
		t.Fatal(err)
	}
	// Output buffers too short for the input: ErrShortDst, never a byte
	// split or lost.
	for size := utf8.UTFMax; size <= 9; size++ {
		d, src, out := newSingleByte(cm), b, []byte(nil)
		for len(src) > 0 {
			dst := make([]byte, size)
			nDst, nSrc, err := d.Transform(dst, src, true)
			if err != nil && err != transform.ErrShortDst || nSrc == 0 {
				t.Fatalf("Transform into %d bytes: %d, %d, %v", size, nDst, nSrc, err)
			}
			out, src = append(out, dst[:nDst]...), src[nSrc:]
		}
		if !bytes.Equal(out, want) {
			t.Fatalf("into %d bytes at a time: %q, want %q", size, out, want)
		}
	}
	return got, want
}

// TestSingleByte: the byte table decodes as x/text's charmap decoder does,
// every byte of each encoding and the CSV files of testdata.
func TestSingleByte(t *testing.T) {
	t.Parallel()
	all := make([]byte, 0, 512)
	for b := range 256 {
		all = append(all, byte(b), 'a')
	}
	files, err := filepath.Glob("testdata/*.csv")
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	inputs := map[string][]byte{"every byte": all, "empty": nil, "ascii run": []byte("ID intervento;Data;Ora;Operatore;N. cartella\r\n1000001;02/01/2023;08:05;LOCATELLI CHIARA;10047\r\n"),
		"accents": []byte("Attivit\xe0 \xe9quipe \x80 \x81 \x8d \xff\xfe")}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[f] = b
	}
	for _, cm := range []*charmap.Charmap{charmap.Windows1252, charmap.ISO8859_1, charmap.ISO8859_15} {
		for name, b := range inputs {
			if got, want := decodeBoth(t, cm, b); !bytes.Equal(got, want) {
				t.Errorf("%s, %s: got %q, want %q", cm, name, got, want)
			}
		}
	}
}

func FuzzSingleByte(f *testing.F) {
	f.Add([]byte("1000001;02/01/2023;08:05;LOCATELLI CHIARA;10047;Colloquio in sede;0:50;SERIATE;\r\n"), uint8(0))
	f.Add([]byte("\xc9quipe multiprofessionale \x80\x81"), uint8(1))
	f.Fuzz(func(t *testing.T, b []byte, which uint8) {
		cm := []*charmap.Charmap{charmap.Windows1252, charmap.ISO8859_1, charmap.ISO8859_15}[which%3]
		if got, want := decodeBoth(t, cm, b); !bytes.Equal(got, want) {
			t.Errorf("%s: got %q, want %q", cm, got, want)
		}
	})
}

// BenchmarkSingleByte decodes 8 MB of a Windows-1252 diario with x/text's
// decoder and with the byte table, in the same run:
//
//	go test ./ingest/table -run '^$' -bench SingleByte
func BenchmarkSingleByte(b *testing.B) {
	one, err := os.ReadFile("testdata/diario_cp1252.csv")
	if err != nil {
		b.Fatal(err)
	}
	text := bytes.Repeat(one, 8<<20/len(one)+1)
	for _, c := range []struct {
		name string
		t    func() transform.Transformer
	}{
		{"x-text", func() transform.Transformer { return charmap.Windows1252.NewDecoder() }},
		{"table", func() transform.Transformer { return newSingleByte(charmap.Windows1252) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for range b.N {
				if _, err := io.Copy(io.Discard, transform.NewReader(bytes.NewReader(text), c.t())); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
