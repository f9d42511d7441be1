package table

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
)

// The legacy Excel reader (.xls, BIFF8, the format Apache POI's HSSF and
// Excel 97–2003 write). The compound-file container is read by mscfb; the
// Workbook stream's records are decoded here, because no maintained Go
// reader of BIFF8 exists under a licence compatible with the EUPL (the
// ones on the module proxy are unmaintained since 2017 or GPL-3). Only
// what a table needs is decoded: sheet names, the shared strings, the
// cells' values and the number formats that tell a date from a number.

// MaxXLSStream bounds the Workbook stream read into memory. A BIFF8 sheet
// holds at most 65,536 rows by 256 columns; real exports are far smaller.
const MaxXLSStream = 256 << 20

// BIFF8 record types.
const (
	recBOF        = 0x0809
	recEOF        = 0x000A
	recBoundSheet = 0x0085
	recSST        = 0x00FC
	recContinue   = 0x003C
	recLabelSST   = 0x00FD
	recLabel      = 0x0204
	recNumber     = 0x0203
	recRK         = 0x027E
	recMulRK      = 0x00BD
	recFormula    = 0x0006
	recString     = 0x0207
	recBoolErr    = 0x0205
	recXF         = 0x00E0
	recFormat     = 0x041E
	recDateMode   = 0x0022
	recFilePass   = 0x002F
)

type xlsSheet struct {
	name   string
	offset int
}

type xlsSource struct {
	rows [][]string // by row index, nil for rows without cells
	at   int
	err  *record // a cell error met while decoding, returned at its row
}

func openXLS(file string, opt Options) (Reader, error) {
	src, meta, err := readXLS(file, opt.Sheet)
	if err != nil {
		return nil, &ParseError{File: file, Err: err}
	}
	return newFramer(file, src, meta, opt)
}

// readXLS decodes the chosen sheet of the workbook at file.
func readXLS(file, want string) (*xlsSource, Meta, error) {
	meta := Meta{Format: "xls", Encoding: "utf-16le"}
	f, err := os.Open(file)
	if err != nil {
		return nil, meta, xlsxOpenError(err)
	}
	defer f.Close()
	stream, err := workbookStream(f)
	if err != nil {
		return nil, meta, err
	}
	return decodeWorkbook(stream, want, meta)
}

// decodeWorkbook decodes the chosen sheet of a Workbook stream.
func decodeWorkbook(stream []byte, want string, meta Meta) (*xlsSource, Meta, error) {
	wb, err := parseGlobals(stream)
	if err != nil {
		return nil, meta, err
	}
	refs := make([]sheetRef, len(wb.sheets))
	for i, s := range wb.sheets {
		meta.Sheets = append(meta.Sheets, s.name)
		refs[i] = sheetRef{name: s.name, part: fmt.Sprint(i)}
	}
	if len(refs) == 0 {
		return nil, meta, errors.New("il file XLS non contiene fogli")
	}
	ref, err := pickSheet(refs, want)
	if err != nil {
		return nil, meta, err
	}
	meta.Sheet = ref.name
	var idx int
	fmt.Sscan(ref.part, &idx)
	src, err := wb.sheet(stream, wb.sheets[idx].offset)
	if err != nil {
		return nil, meta, fmt.Errorf("foglio %q: %w", ref.name, err)
	}
	return src, meta, nil
}

// workbookStream reads the Workbook (or, from Excel 5, Book) stream of a
// compound file.
func workbookStream(f io.ReaderAt) ([]byte, error) {
	doc, err := mscfb.New(f)
	if err != nil {
		return nil, errors.New("non è un file XLS valido (contenitore OLE illeggibile: file danneggiato o di un altro formato)")
	}
	for entry, err := doc.Next(); err == nil; entry, err = doc.Next() {
		if entry.Name != "Workbook" && entry.Name != "Book" {
			continue
		}
		if entry.Size > MaxXLSStream {
			return nil, fmt.Errorf("il foglio di lavoro XLS supera %d MB: file danneggiato o non è un'esportazione", MaxXLSStream>>20)
		}
		b, err := io.ReadAll(io.LimitReader(entry, MaxXLSStream))
		if err != nil {
			return nil, errors.New("file XLS troncato o danneggiato")
		}
		return b, nil
	}
	return nil, errors.New("il file XLS non contiene una cartella di lavoro di Excel")
}

// biffRecord is one record of the stream: its type and data.
type biffRecord struct {
	typ  uint16
	data []byte
	next int // offset of the following record
}

func readRecord(b []byte, at int) (biffRecord, error) {
	if at+4 > len(b) {
		return biffRecord{}, io.ErrUnexpectedEOF
	}
	typ := binary.LittleEndian.Uint16(b[at:])
	n := int(binary.LittleEndian.Uint16(b[at+2:]))
	if at+4+n > len(b) {
		return biffRecord{}, io.ErrUnexpectedEOF
	}
	return biffRecord{typ: typ, data: b[at+4 : at+4+n], next: at + 4 + n}, nil
}

// workbookGlobals is what the globals substream says about the cells.
type workbookGlobals struct {
	sheets   []xlsSheet
	sst      []string
	formats  map[int]string // custom number formats by index
	xfs      []cellKind     // by XF index
	date1904 bool
}

func parseGlobals(b []byte) (*workbookGlobals, error) {
	wb := &workbookGlobals{formats: map[int]string{}}
	first, err := readRecord(b, 0)
	if err != nil || first.typ != recBOF || len(first.data) < 4 {
		return nil, errors.New("non è un file XLS valido (manca l'inizio della cartella di lavoro)")
	}
	if v := binary.LittleEndian.Uint16(first.data); v != 0x0600 {
		return nil, errors.New("file XLS in un formato di Excel anteriore al 97: salvarlo di nuovo come .xlsx")
	}
	var xfFormats []int
	for at := first.next; at < len(b); {
		r, err := readRecord(b, at)
		if err != nil {
			return nil, errors.New("file XLS troncato o danneggiato")
		}
		at = r.next
		switch r.typ {
		case recEOF:
			wb.classify(xfFormats)
			return wb, nil
		case recFilePass:
			return nil, errors.New("il file XLS è protetto da password: salvarlo senza password")
		case recDateMode:
			wb.date1904 = len(r.data) >= 2 && r.data[0] == 1
		case recBoundSheet:
			if len(r.data) < 8 {
				continue
			}
			name, _, ok := shortString(r.data[6:])
			if r.data[5] == 0 && ok { // worksheets only: not charts or macros
				wb.sheets = append(wb.sheets, xlsSheet{name: name, offset: int(binary.LittleEndian.Uint32(r.data))})
			}
		case recFormat:
			if len(r.data) >= 5 {
				s, _, ok := unicodeString(r.data[2:], 2)
				if ok {
					wb.formats[int(binary.LittleEndian.Uint16(r.data))] = s
				}
			}
		case recXF:
			if len(r.data) >= 4 {
				xfFormats = append(xfFormats, int(binary.LittleEndian.Uint16(r.data[2:])))
			}
		case recSST:
			segs := [][]byte{r.data}
			for at < len(b) {
				c, err := readRecord(b, at)
				if err != nil || c.typ != recContinue {
					break
				}
				segs, at = append(segs, c.data), c.next
			}
			if wb.sst, err = sharedStringTable(segs); err != nil {
				return nil, err
			}
		}
	}
	return nil, errors.New("file XLS troncato o danneggiato")
}

func (wb *workbookGlobals) classify(xfFormats []int) {
	wb.xfs = make([]cellKind, len(xfFormats))
	for i, f := range xfFormats {
		if code, ok := wb.formats[f]; ok {
			wb.xfs[i] = formatKind(code)
		} else {
			wb.xfs[i] = builtinKind(f)
		}
	}
}

// shortString reads a ShortXLUnicodeString: 1-byte length, flags, chars.
func shortString(b []byte) (string, int, bool) {
	if len(b) < 2 {
		return "", 0, false
	}
	return chars(b[2:], int(b[0]), b[1]&1 == 1, 2)
}

// unicodeString reads an XLUnicodeString whose length takes lenSize bytes.
func unicodeString(b []byte, lenSize int) (string, int, bool) {
	if len(b) < lenSize+1 {
		return "", 0, false
	}
	n := int(b[0])
	if lenSize == 2 {
		n = int(binary.LittleEndian.Uint16(b))
	}
	return chars(b[lenSize+1:], n, b[lenSize]&1 == 1, lenSize+1)
}

// chars decodes n characters, 16-bit or compressed to 8 bits, and returns
// the string and the bytes used, counting head bytes before them.
func chars(b []byte, n int, wide bool, head int) (string, int, bool) {
	size := n
	if wide {
		size = 2 * n
	}
	if size > len(b) {
		return "", 0, false
	}
	return decodeChars(b[:size], wide), head + size, true
}

func decodeChars(b []byte, wide bool) string {
	if !wide {
		// Compressed: the high byte of every UTF-16 unit is zero (Latin-1).
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c)
		}
		return string(r)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}

// sharedStringTable decodes the SST, whose strings may continue in
// CONTINUE records: a string's characters resume there after a new flags
// byte that says whether they are 8- or 16-bit.
func sharedStringTable(segs [][]byte) ([]string, error) {
	bad := errors.New("tabella dei testi del file XLS danneggiata")
	s := &segReader{segs: segs}
	if _, ok := s.take(8); !ok {
		return nil, bad
	}
	unique := binary.LittleEndian.Uint32(segs[0][4:])
	out := make([]string, 0, min(int(unique), 1<<20))
	for i := uint32(0); i < unique; i++ {
		h, ok := s.take(3)
		if !ok {
			return nil, bad
		}
		n, flags := int(binary.LittleEndian.Uint16(h)), h[2]
		if n > MaxCell {
			return nil, fmt.Errorf("un testo della tabella dei testi supera %d caratteri (il limite di Excel)", MaxCell)
		}
		runs, ext := 0, 0
		if flags&8 != 0 {
			r, ok := s.take(2)
			if !ok {
				return nil, bad
			}
			runs = int(binary.LittleEndian.Uint16(r))
		}
		if flags&4 != 0 {
			e, ok := s.take(4)
			if !ok {
				return nil, bad
			}
			ext = int(binary.LittleEndian.Uint32(e))
		}
		text, ok := s.chars(n, flags&1 == 1)
		if !ok {
			return nil, bad
		}
		if !s.skip(4*runs + ext) {
			return nil, bad
		}
		out = append(out, text)
	}
	return out, nil
}

// segReader reads across the SST's record boundaries.
type segReader struct {
	segs [][]byte
	seg  int
	at   int
}

func (s *segReader) advance() bool {
	for s.seg < len(s.segs) && s.at >= len(s.segs[s.seg]) {
		s.seg, s.at = s.seg+1, 0
	}
	return s.seg < len(s.segs)
}

// take returns n bytes, gathered across boundaries.
func (s *segReader) take(n int) ([]byte, bool) {
	var out []byte
	for n > 0 {
		if !s.advance() {
			return nil, false
		}
		seg := s.segs[s.seg][s.at:]
		k := min(n, len(seg))
		out = append(out, seg[:k]...)
		s.at += k
		n -= k
	}
	return out, true
}

func (s *segReader) skip(n int) bool {
	_, ok := s.take(n)
	return ok || n == 0
}

// chars reads n characters; at a record boundary inside them, the next
// record starts with a flags byte giving the width of the rest.
func (s *segReader) chars(n int, wide bool) (string, bool) {
	var b strings.Builder
	for n > 0 {
		if s.at >= len(s.segs[s.seg]) {
			if !s.advance() {
				return "", false
			}
			wide = s.segs[s.seg][0]&1 == 1
			s.at++
		}
		seg := s.segs[s.seg][s.at:]
		width := 1
		if wide {
			width = 2
		}
		k := min(n, len(seg)/width)
		if k == 0 {
			return "", false
		}
		b.WriteString(decodeChars(seg[:k*width], wide))
		s.at += k * width
		n -= k
	}
	return b.String(), true
}

// sheet decodes the cells of the worksheet substream at offset.
func (wb *workbookGlobals) sheet(b []byte, offset int) (*xlsSource, error) {
	r, err := readRecord(b, offset)
	if err != nil || r.typ != recBOF {
		return nil, errors.New("inizio del foglio non trovato: file danneggiato")
	}
	cells := map[int]map[int]string{}
	maxRow := -1
	put := func(row, col int, s string) {
		if col >= maxColumns {
			return // BIFF8 has 256 columns: a cell beyond is a damaged record
		}
		if cells[row] == nil {
			cells[row] = map[int]string{}
		}
		cells[row][col] = s
		maxRow = max(maxRow, row)
	}
	var pendingFormula [2]int
	var cellErr *record
	for at := r.next; at < len(b); {
		r, err := readRecord(b, at)
		if err != nil {
			return nil, errors.New("file XLS troncato o danneggiato")
		}
		at = r.next
		d := r.data
		if r.typ == recEOF {
			break
		}
		if len(d) < 6 {
			continue
		}
		row, col, xf := int(binary.LittleEndian.Uint16(d)), int(binary.LittleEndian.Uint16(d[2:])), int(binary.LittleEndian.Uint16(d[4:]))
		switch r.typ {
		case recLabelSST:
			if len(d) >= 10 {
				if i := int(binary.LittleEndian.Uint32(d[6:])); i < len(wb.sst) {
					put(row, col, wb.sst[i])
				}
			}
		case recLabel:
			if s, _, ok := unicodeString(d[6:], 2); ok {
				if len(s) > MaxCell && cellErr == nil {
					cellErr = &record{line: row + 1, col: col + 1, err: fmt.Errorf("cella più lunga di %d caratteri (il limite di Excel)", MaxCell)}
				}
				put(row, col, s)
			}
		case recNumber:
			if len(d) >= 14 {
				put(row, col, wb.number(math.Float64frombits(binary.LittleEndian.Uint64(d[6:])), xf))
			}
		case recRK:
			if len(d) >= 10 {
				put(row, col, wb.number(rk(binary.LittleEndian.Uint32(d[6:])), xf))
			}
		case recMulRK:
			for i, c := 4, col; i+6 <= len(d)-2; i, c = i+6, c+1 {
				put(row, c, wb.number(rk(binary.LittleEndian.Uint32(d[i+2:])), int(binary.LittleEndian.Uint16(d[i:]))))
			}
		case recBoolErr:
			if len(d) >= 8 && d[7] == 0 {
				put(row, col, map[bool]string{true: "VERO", false: "FALSO"}[d[6] == 1])
			}
		case recFormula:
			if len(d) < 14 {
				continue
			}
			res := d[6:14]
			switch {
			case res[6] != 0xFF || res[7] != 0xFF:
				put(row, col, wb.number(math.Float64frombits(binary.LittleEndian.Uint64(res)), xf))
			case res[0] == 0: // a string, in the STRING record that follows
				pendingFormula = [2]int{row, col}
			case res[0] == 1:
				put(row, col, map[bool]string{true: "VERO", false: "FALSO"}[res[2] == 1])
			}
		case recString:
			// STRING has no row and column: it belongs to the formula before.
			if s, _, ok := unicodeString(r.data, 2); ok {
				put(pendingFormula[0], pendingFormula[1], s)
			}
		}
	}
	src := &xlsSource{rows: make([][]string, maxRow+1), err: cellErr}
	for row, cs := range cells {
		cols := make([]int, 0, len(cs))
		for c := range cs {
			cols = append(cols, c)
		}
		sort.Ints(cols)
		fields := make([]string, cols[len(cols)-1]+1)
		for _, c := range cols {
			fields[c] = strings.TrimSpace(cs[c])
		}
		src.rows[row] = fields
	}
	return src, nil
}

// maxColumns is the widest BIFF8 sheet.
const maxColumns = 256

// rk decodes an RK number: a 30-bit integer or the high bits of a double,
// possibly divided by 100.
func rk(v uint32) float64 {
	var f float64
	if v&2 != 0 {
		f = float64(int32(v) >> 2)
	} else {
		f = math.Float64frombits(uint64(v&0xFFFFFFFC) << 32)
	}
	if v&1 != 0 {
		f /= 100
	}
	return f
}

// number writes a numeric cell as the XLSX reader does: dates as ISO
// dates, elapsed times as hh:mm:ss, other numbers plainly.
func (wb *workbookGlobals) number(f float64, xf int) string {
	kind := kindNumber
	if xf >= 0 && xf < len(wb.xfs) {
		kind = wb.xfs[xf]
	}
	if wb.date1904 && (kind == kindDate || kind == kindDateTime) {
		f += 1462
	}
	return numberText(f, kind)
}

func (x *xlsSource) next() record {
	for x.at < len(x.rows) {
		i := x.at
		x.at++
		if x.err != nil && x.err.line == i+1 {
			e := *x.err
			return e
		}
		return record{line: i + 1, fields: x.rows[i]}
	}
	return record{err: io.EOF}
}

func (x *xlsSource) close() error { x.rows = nil; return nil }
