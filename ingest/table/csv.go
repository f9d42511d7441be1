package table

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sampleSize is the look-ahead, in bytes, used to detect the encoding and
// the delimiter.
const sampleSize = 64 << 10

// delimiters are the candidates, in order of preference on a tie.
var delimiters = []rune{';', '\t', '|', ','}

func openCSV(path string, opt Options) (Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r, err := newCSV(path, f, opt)
	if err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

// newCSV reads CSV from rc, which it closes with the reader.
func newCSV(name string, rc io.ReadCloser, opt Options) (*framer, error) {
	raw := bufio.NewReaderSize(rc, sampleSize)
	head, _ := raw.Peek(sampleSize)
	enc, dec, skip, err := chooseEncoding(head, opt.Encoding)
	if err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	raw.Discard(skip)
	var text io.Reader = raw
	if dec != nil {
		text = transform.NewReader(raw, dec.NewDecoder())
	}
	buf := bufio.NewReaderSize(text, sampleSize)
	sample, _ := buf.Peek(sampleSize)
	delim := opt.Delimiter
	if delim == 0 {
		delim = detectDelimiter(sample, len(sample) == sampleSize, strings.EqualFold(filepath.Ext(name), ".tsv"))
	}
	cr := csv.NewReader(buf)
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true // vendor exports write bare quotes inside unquoted fields
	src := &csvSource{c: rc, r: cr, name: name, checkUTF8: enc == "utf-8" && opt.Encoding == ""}
	return newFramer(name, src, Meta{Format: "csv", Encoding: enc, Delimiter: delim}, opt)
}

// chooseEncoding names the encoding of a file from its first bytes, or from
// the override, and returns its decoder (nil for UTF-8) and how many BOM
// bytes to skip. Without a BOM, text that is valid UTF-8 is UTF-8, text
// with a zero in every other byte is UTF-16, and anything else is taken for
// Windows-1252, the encoding of Italian Excel on Windows.
func chooseEncoding(head []byte, override string) (name string, dec encoding.Encoding, skip int, err error) {
	bomLE, bomBE := bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF})
	switch strings.ToLower(strings.ReplaceAll(override, "_", "-")) {
	case "", "auto":
	case "utf-8", "utf8", "utf-8-bom":
		if bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")) {
			return "utf-8-bom", nil, 3, nil
		}
		return "utf-8", nil, 0, nil
	case "utf-16", "utf16", "utf-16le":
		if bomBE {
			return "utf-16be", unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), 0, nil
		}
		return "utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), 0, nil
	case "utf-16be":
		return "utf-16be", unicode.UTF16(unicode.BigEndian, unicode.UseBOM), 0, nil
	case "windows-1252", "cp1252":
		return "windows-1252", charmap.Windows1252, 0, nil
	case "latin-1", "latin1", "iso-8859-1":
		return "iso-8859-1", charmap.ISO8859_1, 0, nil
	case "iso-8859-15", "latin-9":
		return "iso-8859-15", charmap.ISO8859_15, 0, nil
	default:
		return "", nil, 0, fmt.Errorf("codifica %q non supportata (utf-8, utf-16, windows-1252, iso-8859-1, iso-8859-15)", override)
	}
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		return "utf-8-bom", nil, 3, nil
	case bomLE:
		return "utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), 0, nil
	case bomBE:
		return "utf-16be", unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), 0, nil
	}
	if le, be := zeroPattern(head); le {
		return "utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), 0, nil
	} else if be {
		return "utf-16be", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), 0, nil
	}
	if validUTF8Prefix(head) {
		return "utf-8", nil, 0, nil
	}
	return "windows-1252", charmap.Windows1252, 0, nil
}

// zeroPattern spots BOM-less UTF-16 of mostly ASCII text: zeros in most odd
// (little-endian) or even (big-endian) bytes and in almost no others.
func zeroPattern(b []byte) (le, be bool) {
	if len(b) < 4 {
		return false, false
	}
	var odd, even int
	for i, c := range b {
		if c == 0 {
			if i%2 == 1 {
				odd++
			} else {
				even++
			}
		}
	}
	half := len(b) / 2
	return odd > half*3/4 && even == 0, even > half*3/4 && odd == 0
}

// validUTF8Prefix is utf8.Valid that forgives a sequence cut by the end of
// the sample.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return true
		}
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// detectDelimiter tries each candidate on the sample and keeps the one that
// splits the most rows into the same number (more than one) of fields,
// respecting quotes; on a tie the one giving more fields wins, so a ';' file
// with decimal commas stays a ';' file. A last line cut by the end of the
// sample is ignored.
func detectDelimiter(sample []byte, truncated, tsv bool) rune {
	best, bestRows, bestWidth := ';', 0, 0
	if tsv {
		best = '\t'
	}
	for _, d := range delimiters {
		r := csv.NewReader(bytes.NewReader(sample))
		r.Comma, r.FieldsPerRecord, r.LazyQuotes = d, -1, true
		counts := map[int]int{}
		var widths []int
		for len(widths) < 30 {
			rec, err := r.Read()
			if err != nil {
				break
			}
			widths = append(widths, len(rec))
		}
		if truncated && len(widths) > 1 {
			widths = widths[:len(widths)-1]
		}
		for _, w := range widths {
			counts[w]++
		}
		rows, width := 0, 0
		for w, n := range counts {
			if w > 1 && (n > rows || n == rows && w > width) {
				rows, width = n, w
			}
		}
		if rows > bestRows || rows == bestRows && width > bestWidth {
			best, bestRows, bestWidth = d, rows, width
		}
	}
	return best
}

// csvSource yields the records of an encoding/csv reader with the physical
// line each starts on.
// encoding/csv skips empty lines; the source gives them back as empty
// records so that blank rows are counted the same whether they are empty
// or made of delimiters.
type csvSource struct {
	c         io.Closer
	r         *csv.Reader
	name      string
	checkUTF8 bool // the encoding was guessed as UTF-8 from the first bytes only
	end       int  // last physical line of the previous record
	held      *record
	heldEnd   int
	failed    bool // an I/O error ended the file
}

func (s *csvSource) next() record {
	if s.held != nil {
		if s.end+1 < s.held.line {
			s.end++
			return record{line: s.end}
		}
		r := *s.held
		s.held, s.end = nil, s.heldEnd
		return r
	}
	prev := s.end
	r := s.read()
	if r.err != nil || r.line <= prev+1 {
		return r
	}
	held := r // a copy, so that r itself stays off the heap
	s.held, s.heldEnd, s.end = &held, s.end, prev
	return s.next()
}

func (s *csvSource) read() record {
	if s.failed {
		return record{err: io.EOF}
	}
	rec, err := s.r.Read()
	if err == io.EOF {
		return record{err: io.EOF}
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return record{line: pe.StartLine, err: &ParseError{File: s.name, Line: pe.StartLine, Err: csvError(pe.Err)}}
		}
		s.failed = true
		return record{err: &ParseError{File: s.name, Err: fmt.Errorf("lettura: %w", err)}}
	}
	line, _ := s.r.FieldPos(0)
	for i, c := range rec {
		if s.checkUTF8 && !utf8.ValidString(c) {
			return record{line: line, err: &ParseError{File: s.name, Line: line, Err: errors.New(
				"testo non valido in UTF-8 oltre l'inizio del file: indicare la codifica (per esempio encoding = \"windows-1252\")")}}
		}
		rec[i] = strings.TrimSpace(c)
	}
	last, _ := s.r.FieldPos(len(rec) - 1)
	s.end = last + strings.Count(rec[len(rec)-1], "\n")
	return record{line: line, fields: rec}
}

func (s *csvSource) close() error { return s.c.Close() }

func csvError(err error) error {
	switch {
	case errors.Is(err, csv.ErrQuote):
		return errors.New("virgolette non chiuse: il campo prosegue fino alla fine del file")
	case errors.Is(err, csv.ErrBareQuote):
		return errors.New("virgolette fuori posto in un campo")
	}
	return err
}
