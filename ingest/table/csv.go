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

	"github.com/carico/carico/ingest/mask"
)

// sampleSize is the look-ahead, in bytes, used to detect the encoding and
// the delimiter.
const sampleSize = 64 << 10

// delimiters are the candidates, in order of preference on a tie.
var delimiters = []rune{';', '\t', '|', ','}

func openCSV(path string, opt Options) (Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &ParseError{File: path, Err: xlsxOpenError(err)}
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
	if cm, ok := dec.(*charmap.Charmap); ok {
		text = transform.NewReader(raw, newSingleByte(cm))
	} else if dec != nil {
		text = transform.NewReader(raw, dec.NewDecoder())
	}
	buf := bufio.NewReaderSize(text, sampleSize)
	sample, _ := buf.Peek(sampleSize)
	delim := opt.Delimiter
	if delim == 0 {
		delim = detectDelimiter(sample, len(sample) == sampleSize, strings.EqualFold(filepath.Ext(name), ".tsv"))
	}
	if delim >= utf8.RuneSelf || delim == '"' || delim == '\n' || delim == '\r' {
		return nil, &ParseError{File: name, Err: fmt.Errorf("separatore %q non ammesso (usare ; , | o tabulazione)", delim)}
	}
	if crOnly(sample) {
		return nil, &ParseError{File: name, Line: 1, Err: errors.New(
			"le righe finiscono con il solo carattere CR (formato dei vecchi Mac): aprire il file e salvarlo di nuovo come CSV per Windows")}
	}
	src := &csvSource{c: rc, br: buf, name: name, delim: byte(delim), checkUTF8: enc == "utf-8" && opt.Encoding == ""}
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

// crOnly reports whether the sample ends its lines with a bare CR: more
// bare CRs than LFs (a note of such a file may hold LFs of its own).
func crOnly(sample []byte) bool {
	bare := bytes.Count(sample, []byte{'\r'}) - bytes.Count(sample, []byte("\r\n"))
	return bare > 1 && bare > bytes.Count(sample, []byte{'\n'})
}

// Limits of what one line, cell and quoted field may hold. A longer one is
// an error for its row, never a reason to hold the file in memory.
const (
	// MaxLine is the longest physical line read, in bytes.
	MaxLine = 1 << 20
	// MaxCell is the longest cell, in bytes: Excel's own limit of 32,767
	// characters per cell.
	MaxCell = 32767
	// MaxQuotedLines is how many physical lines a quoted field may span.
	MaxQuotedLines = 100
)

// csvSource yields the records of a CSV file with the physical line each
// starts on. It reads the file line by line: a quoted field may span lines
// ("…\n…"), but a field whose quote is never closed must not swallow the
// records below it, so a continuation line that reads as a record of its
// own, or a field longer than MaxQuotedLines lines or MaxCell bytes, makes
// the opening line an error and the lines after it are read again as
// records. Every physical line is thus a record, a continuation line of a
// quoted field, or part of an error row: the file's row count reconciles
// with its lines.
type csvSource struct {
	c         io.Closer
	br        *bufio.Reader
	name      string
	delim     byte
	checkUTF8 bool // the encoding was guessed as UTF-8 from the first bytes only
	line      int  // physical lines read from br
	pending   []pline
	width     int         // fields of a record: the header's, once known
	widths    map[int]int // until then, how many records had each width
	continued int         // continuation lines of quoted fields
	failed    bool
	fields    []string
	scratch   []string // a continuation line split on its own
	shape     shapes   // what the data records look like
	early     []record // records read before the header was known
}

// pline is a physical line and its number.
type pline struct {
	n    int
	text string
	err  error // a line too long, or one that could not be read
	// notUTF8: the line is not valid UTF-8 in a file guessed as UTF-8. It
	// still belongs to its record (it may open or continue a quoted
	// field), which is rejected whole: a line rejected on its own would
	// turn the lines of its note into records and over-count the rows.
	notUTF8 bool
}

func (s *csvSource) close() error { return s.c.Close() }

// setHeader tells the source how many fields a record has and on which
// line the header is: the records read below it so far are data, and
// teach the source what a record looks like.
func (s *csvSource) setHeader(width, line int) {
	s.width = width
	for _, r := range s.early {
		if r.line > line {
			s.shape.learn(r.fields)
		}
	}
	s.early = nil
}

// counts returns the physical lines read and the continuation lines.
func (s *csvSource) counts() (lines, continued int) { return s.line - s.queued(), s.continued }

func (s *csvSource) queued() int {
	n := 0
	for _, p := range s.pending {
		if p.n > 0 {
			n++
		}
	}
	return n
}

// readLine returns the next physical line, without its line end.
func (s *csvSource) readLine() (pline, bool) {
	if len(s.pending) > 0 {
		p := s.pending[0]
		s.pending = s.pending[1:]
		return p, true
	}
	if s.failed {
		return pline{}, false
	}
	var long []byte
	var too bool
	for {
		b, err := s.br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			if len(long)+len(b) <= MaxLine {
				long = append(long, b...)
			} else {
				too = true
			}
			continue
		}
		if err != nil && err != io.EOF {
			s.failed = true
			return pline{err: &ParseError{File: s.name, Line: s.line + 1, Err: fmt.Errorf("lettura: %w", err)}}, true
		}
		if err == io.EOF {
			s.failed = true
			if len(b) == 0 && len(long) == 0 && !too {
				return pline{}, false
			}
		}
		s.line++
		if too || len(long)+len(b) > MaxLine {
			return pline{n: s.line, err: fmt.Errorf("riga più lunga di %d byte: il file non sembra un'esportazione CSV", MaxLine)}, true
		}
		var text string
		if long != nil {
			text = string(append(long, b...))
		} else {
			text = string(b)
		}
		text = strings.TrimSuffix(strings.TrimSuffix(text, "\n"), "\r")
		return pline{n: s.line, text: text, notUTF8: s.checkUTF8 && !utf8.ValidString(text)}, true
	}
}

func (s *csvSource) next() record {
	first, ok := s.readLine()
	if !ok {
		return record{err: io.EOF}
	}
	if first.err != nil {
		return s.lineError(first)
	}
	var open bool
	var col int
	s.fields, open, col = splitRecord(first.text, s.delim, s.fields[:0])
	notUTF8 := 0 // the first line of the record that is not UTF-8
	if first.notUTF8 {
		notUTF8 = first.n
	}
	if !open {
		return s.whole(first.n, notUTF8)
	}
	// A quoted field goes on over the next lines until its closing quote.
	// Each line is scanned once for it; the record is split again only
	// when a line closes the field.
	var text strings.Builder
	text.WriteString(first.text)
	ref := s.reference(s.fields)
	var held []pline
	cells := 0 // delimiters on the continuation lines
	var why string
	for {
		p, ok := s.readLine()
		if !ok {
			why = "le virgolette non sono mai chiuse: il campo arriverebbe alla fine del file"
			break
		}
		held = append(held, p)
		if p.err != nil {
			why = "le virgolette non sono chiuse prima di una riga illeggibile"
			break
		}
		if p.notUTF8 && notUTF8 == 0 {
			notUTF8 = p.n
		}
		_, _, closes := closingQuote(p.text, -1, s.delim)
		if s.swallows(ref, p.text, closes) {
			if closes {
				why = fmt.Sprintf("le virgolette aperte alla riga %d si chiudono solo alla riga %d: il campo inghiottirebbe la riga %d, che è un record a sé", first.n, p.n, p.n)
			} else {
				why = fmt.Sprintf("le virgolette aperte alla riga %d non sono chiuse e il campo inghiottirebbe la riga %d, che è un record a sé", first.n, p.n)
			}
			break
		}
		text.WriteByte('\n')
		text.WriteString(p.text)
		cells += strings.Count(p.text, string(s.delim))
		if closes {
			s.fields, open, _ = splitRecord(text.String(), s.delim, s.fields[:0])
			if !open && s.wholeRecord(ref, cells) {
				why = fmt.Sprintf("le virgolette aperte alla riga %d si chiudono solo alla riga %d: il campo conterrebbe le celle di un record intero", first.n, p.n)
				break
			}
			if !open {
				s.continued += len(held)
				return s.whole(first.n, notUTF8)
			}
		}
		switch {
		case len(held) >= MaxQuotedLines:
			why = fmt.Sprintf("le virgolette non sono chiuse entro %d righe", MaxQuotedLines)
		case text.Len() > MaxCell+len(first.text):
			why = fmt.Sprintf("le virgolette non sono chiuse entro %d caratteri", MaxCell)
		}
		if why != "" {
			break
		}
	}
	// The lines after the opening one are read again as records.
	s.pending = append(held, s.pending...)
	start := quotedStart(first.text, s.delim, col)
	return record{line: first.n, col: col + 1, err: &ParseError{File: s.name, Line: first.n,
		Err: fmt.Errorf("%s; inizio del campo: «%s»; la riga non è importata, le seguenti sì", why, excerpt(start))}}
}

// errNotUTF8 is why a record of a file guessed as UTF-8 is not read.
var errNotUTF8 = errors.New("testo non valido in UTF-8 oltre l'inizio del file: indicare la codifica (per esempio encoding = \"windows-1252\"), o correggere le righe scritte in un'altra codifica")

// whole is the record split into s.fields from line on, or its error when
// one of its lines (bad, if not 0) is not valid UTF-8.
func (s *csvSource) whole(line, bad int) record {
	if bad == 0 {
		return s.record(line)
	}
	err := errNotUTF8
	if bad != line {
		err = fmt.Errorf("riga %d: %w", bad, errNotUTF8)
	}
	return record{line: line, err: &ParseError{File: s.name, Line: line, Err: err}}
}

// lineError is the record of a line that cannot be read.
func (s *csvSource) lineError(p pline) record {
	if pe, ok := p.err.(*ParseError); ok {
		return record{line: p.n, err: pe}
	}
	return record{line: p.n, err: &ParseError{File: s.name, Line: p.n, Err: p.err}}
}

// record trims the fields just split into a record the caller keeps.
func (s *csvSource) record(line int) record {
	if len(s.fields) > MaxColumns {
		return record{line: line, err: &ParseError{File: s.name, Line: line, Err: ErrTooManyColumns}}
	}
	fields := make([]string, len(s.fields))
	for i, f := range s.fields {
		if len(f) > MaxCell {
			return record{line: line, col: i + 1, err: &ParseError{File: s.name, Line: line,
				Err: fmt.Errorf("cella più lunga di %d caratteri (il limite di Excel)", MaxCell)}}
		}
		fields[i] = strings.TrimSpace(f)
	}
	if s.width == 0 {
		if s.widths == nil {
			s.widths = map[int]int{}
		}
		s.widths[len(fields)]++
		if len(s.early) < 4*lookAhead {
			s.early = append(s.early, record{line: line, fields: fields})
		}
	} else {
		s.shape.learn(fields)
	}
	return record{line: line, fields: fields}
}

// swallows reports whether a line that continues a quoted field reads as
// a record of its own, which the field must not swallow: one shaped like
// the file's records (see shapes.record), or one that does not close the
// field and has at least as many fields as the header (or as most records,
// before the header is known). A line that closes the field may carry the
// cells after it, so its width alone says nothing.
func (s *csvSource) swallows(ref *shapes, line string, closes bool) bool {
	s.scratch, _, _ = splitRecord(line, s.delim, s.scratch[:0])
	if ref.record(trimmed(s.scratch)) {
		return true
	}
	if closes {
		return false
	}
	width := s.width
	if width == 0 {
		most := 0
		for w, n := range s.widths {
			if w > 1 && (n > most || n == most && w < width) {
				width, most = w, n
			}
		}
	}
	return width >= 2 && strings.Count(line, string(s.delim))+1 >= width
}

// reference is what a record of the file looks like, for a quoted field
// that opens after the cells before: what the source learned, or, while it
// still looks for the header, what the records below the likely header
// show; with no record yet, the cells before the quote, the start of one.
func (s *csvSource) reference(before []string) *shapes {
	if s.width > 0 && s.shape.rows > 0 {
		return &s.shape
	}
	var ref shapes
	if s.width == 0 {
		if i, err := findHeader(s.early, 0); err == nil {
			for _, r := range s.early[i+1:] {
				ref.learn(r.fields)
			}
		}
	}
	if ref.rows == 0 {
		ref.learn(append(trimmed(before), ""))
		ref.minWidth = 2
	}
	return &ref
}

// wholeRecord reports whether the continuation lines of a quoted field,
// with cells delimiters among them, hold as many cells as a record: a
// note may hold a few delimiters, not a record's worth, which means the
// quote swallowed one split over several lines.
func (s *csvSource) wholeRecord(ref *shapes, cells int) bool {
	need := s.width
	if ref.rows > 0 && ref.minWidth > 2 && (need == 0 || ref.minWidth < need) {
		need = ref.minWidth
	}
	return need > 2 && cells >= need-1
}

// trimmed trims every field in place.
func trimmed(fields []string) []string {
	for i, f := range fields {
		fields[i] = strings.TrimSpace(f)
	}
	return fields
}

// splitRecord splits one logical record (physical lines joined by "\n")
// into fields, appending them to out. A field that starts with a quote
// ends at a quote followed by the delimiter or the end; a doubled quote
// inside it is one quote, and any other quote is kept as written (vendor
// exports write bare quotes). A field that does not start with a quote
// keeps its quotes as text. open reports a quoted field still open at the
// end, col its index.
func splitRecord(rec string, delim byte, out []string) (fields []string, open bool, col int) {
	i := 0
	for {
		if i < len(rec) && rec[i] == '"' {
			j, escaped, ok := closingQuote(rec, i, delim)
			if !ok {
				return out, true, len(out)
			}
			field := rec[i+1 : j]
			if escaped {
				field = strings.ReplaceAll(field, `""`, `"`)
			}
			out = append(out, field)
			if j+1 == len(rec) {
				return out, false, 0
			}
			i = j + 2
			continue
		}
		k := strings.IndexByte(rec[i:], delim)
		if k < 0 {
			return append(out, rec[i:]), false, 0
		}
		out = append(out, rec[i:i+k])
		i += k + 1
	}
}

// closingQuote finds the quote that closes the field opened at rec[i]: one
// followed by the delimiter or the end. escaped reports doubled quotes
// inside; ok is false when the field is still open at the end of rec. With
// i = -1, rec is a line that continues a quoted field.
func closingQuote(rec string, i int, delim byte) (j int, escaped, ok bool) {
	j = i + 1
	for {
		k := strings.IndexByte(rec[j:], '"')
		if k < 0 {
			return 0, escaped, false
		}
		j += k
		if j+1 < len(rec) && rec[j+1] == '"' {
			escaped = true
			j += 2
			continue
		}
		if j+1 == len(rec) || rec[j+1] == delim {
			return j, escaped, true
		}
		j++
	}
}

// quotedStart returns the text of the col-th field of line from its
// opening quote.
func quotedStart(line string, delim byte, col int) string {
	i := 0
	for n := 0; n < col && i < len(line); n++ {
		if line[i] == '"' {
			j, _, ok := closingQuote(line, i, delim)
			if !ok {
				break
			}
			i = j + 2
			continue
		}
		k := strings.IndexByte(line[i:], delim)
		if k < 0 {
			return ""
		}
		i += k + 1
	}
	return line[min(i, len(line)):]
}

// excerpt is the start of a field as an error shows it: a few words,
// each masked but its first character. The reader does not know which
// columns are personal, and an unclosed quote may open on a name.
func excerpt(s string) string {
	const n = 40
	if len(s) > n {
		cut := n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return mask.Personal(strings.TrimPrefix(s, `"`)) + "…"
}
