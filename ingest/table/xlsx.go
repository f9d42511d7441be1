package table

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/carico/carico/ingest/value"
)

// The XLSX reader streams the sheet's XML itself rather than through
// excelize's Rows iterator, because that iterator hides each cell's style,
// and the style (its number format) is the only thing that tells a date
// cell from a number. excelize supplies the cell-reference arithmetic.

// cellKind is what a number format makes of a numeric cell.
type cellKind uint8

const (
	kindNumber cellKind = iota
	kindDate
	kindDateTime
	kindClock // a time of day or an elapsed time ([h]:mm): read as a duration
)

type xlsxSource struct {
	zr     io.Closer // the archive
	sheet  io.ReadCloser
	dec    *xml.Decoder
	name   string
	sst    []string
	styles []cellKind // by cellXfs index
	merges []mergeRange
	row    int // last sheet row returned
	done   bool
}

// mergeRange is a merged block of cells; value is its top-left cell's text
// once that row has been read.
type mergeRange struct {
	c1, r1, c2, r2 int
	value          string
	seen           bool
}

func openXLSX(file string, opt Options) (Reader, error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, &ParseError{File: file, Err: xlsxOpenError(err)}
	}
	return newXLSX(file, &zr.Reader, zr, opt)
}

// xlsxOpenError words an error opening a file, or the archive of a
// workbook, in Italian.
func xlsxOpenError(err error) error {
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("file inesistente")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permesso negato: controllare i permessi del file")
	case errors.As(err, &pe):
		return fmt.Errorf("file XLSX illeggibile: %w", zipError(pe.Err))
	}
	return zipError(err)
}

// newXLSX reads a sheet of the workbook in zr, closing c with the reader.
func newXLSX(file string, zr *zip.Reader, c io.Closer, opt Options) (Reader, error) {
	src, meta, err := newXLSXSource(file, zr, c, opt.Sheet)
	if err != nil {
		c.Close()
		return nil, &ParseError{File: file, Err: err}
	}
	f, err := newFramer(file, src, meta, opt)
	if err != nil {
		src.close()
		return nil, err
	}
	f.fill = src.fill(f.meta.HeaderLine)
	return f, nil
}

func newXLSXSource(file string, zr *zip.Reader, c io.Closer, want string) (*xlsxSource, Meta, error) {
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	sheets, err := workbookSheets(files)
	if err != nil {
		return nil, Meta{}, err
	}
	meta := Meta{Format: "xlsx", Encoding: "utf-8"}
	for _, s := range sheets {
		meta.Sheets = append(meta.Sheets, s.name)
	}
	sh, err := pickSheet(sheets, want)
	if err != nil {
		return nil, meta, err
	}
	meta.Sheet = sh.name
	x := &xlsxSource{zr: c, name: file}
	if f := files["xl/sharedStrings.xml"]; f != nil {
		if x.sst, err = sharedStrings(f); err != nil {
			return nil, meta, fmt.Errorf("testi condivisi: %w", err)
		}
	}
	if f := files["xl/styles.xml"]; f != nil {
		if x.styles, err = cellStyles(f); err != nil {
			return nil, meta, fmt.Errorf("stili: %w", err)
		}
	}
	part := files[sh.part]
	if part == nil {
		return nil, meta, fmt.Errorf("foglio %q mancante nel file", sh.name)
	}
	if x.merges, err = mergedRanges(part); err != nil {
		return nil, meta, fmt.Errorf("celle unite: %w", err)
	}
	if x.sheet, err = openPart(part, MaxSheet); err != nil {
		return nil, meta, err
	}
	x.dec = xml.NewDecoder(bufio.NewReader(newXMLCap(x.sheet)))
	return x, meta, nil
}

type sheetRef struct{ name, part string }

// workbookSheets lists the sheets in workbook order with their XML parts.
func workbookSheets(files map[string]*zip.File) ([]sheetRef, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(files["xl/workbook.xml"], &wb); err != nil {
		return nil, fmt.Errorf("non è una cartella di lavoro XLSX: %w", err)
	}
	if err := decodePart(files["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return nil, fmt.Errorf("non è una cartella di lavoro XLSX: %w", err)
	}
	target := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	var out []sheetRef
	for _, s := range wb.Sheets {
		out = append(out, sheetRef{name: s.Name, part: target[s.RID]})
	}
	if len(out) == 0 {
		return nil, errors.New("la cartella di lavoro non contiene fogli")
	}
	return out, nil
}

// pickSheet finds a sheet by name (ignoring case) or 1-based position.
func pickSheet(sheets []sheetRef, want string) (sheetRef, error) {
	want = strings.TrimSpace(want)
	if want == "" {
		return sheets[0], nil
	}
	for _, s := range sheets {
		if strings.EqualFold(s.name, want) {
			return s, nil
		}
	}
	if n, err := strconv.Atoi(want); err == nil && n >= 1 && n <= len(sheets) {
		return sheets[n-1], nil
	}
	names := make([]string, len(sheets))
	for i, s := range sheets {
		names[i] = strconv.Quote(s.name)
	}
	return sheetRef{}, fmt.Errorf("foglio %q non trovato; fogli presenti: %s", want, strings.Join(names, ", "))
}

// Limits of the decompressed size of a workbook's parts: a small XLSX can
// expand to gigabytes (a "zip bomb"), and a string table is held in memory.
const (
	MaxSharedStrings = 100 << 20 // the string table
	MaxSheet         = 2 << 30   // a sheet, read as a stream
	maxSmallPart     = 16 << 20  // workbook, styles, relationships
)

// openPart opens a part of the archive, failing once it has given more
// than limit bytes, whatever size its header claims.
func openPart(f *zip.File, limit int64) (io.ReadCloser, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, partTooLarge(f, limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, zipError(err)
	}
	return &limitedPart{rc: rc, f: f, left: limit}, nil
}

type limitedPart struct {
	rc   io.ReadCloser
	f    *zip.File
	left int64
}

func (p *limitedPart) Read(b []byte) (int, error) {
	if p.left <= 0 {
		return 0, partTooLarge(p.f, 0)
	}
	if int64(len(b)) > p.left {
		b = b[:p.left]
	}
	n, err := p.rc.Read(b)
	p.left -= int64(n)
	if err != nil && err != io.EOF {
		err = zipError(err)
	}
	return n, err
}

func (p *limitedPart) Close() error { return p.rc.Close() }

func partTooLarge(f *zip.File, limit int64) error {
	what := "la parte " + f.Name
	if limit > 0 {
		what += fmt.Sprintf(" (%d MB)", f.UncompressedSize64>>20)
	}
	return fmt.Errorf("%s del file XLSX supera, decompressa, il limite ammesso: il file è danneggiato o non è un'esportazione", what)
}

// zipError words the errors of archive/zip in Italian.
func zipError(err error) error {
	switch {
	case errors.Is(err, zip.ErrFormat):
		return errors.New("non è un file XLSX valido (archivio zip illeggibile: file danneggiato o di un altro formato)")
	case errors.Is(err, zip.ErrChecksum):
		return errors.New("file XLSX danneggiato (errore di controllo dell'archivio)")
	case errors.Is(err, zip.ErrAlgorithm):
		return errors.New("file XLSX compresso con un metodo non supportato: salvarlo di nuovo con Excel")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("file XLSX troncato")
	}
	return err
}

func decodePart(f *zip.File, v any) error {
	if f == nil {
		return errors.New("parte mancante")
	}
	rc, err := openPart(f, maxSmallPart)
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

// sharedStrings reads the workbook's string table; rich-text runs are
// joined and phonetic hints dropped.
func sharedStrings(f *zip.File) ([]string, error) {
	rc, err := openPart(f, MaxSharedStrings)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	dec := xml.NewDecoder(bufio.NewReader(newXMLCap(rc)))
	var out []string
	var b strings.Builder
	inSI, inPh := false, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				b.Reset()
			case "rPh":
				inPh++
			case "t":
				if inSI && inPh == 0 {
					var s string
					if err := dec.DecodeElement(&s, &t); err != nil {
						return nil, err
					}
					b.WriteString(s)
					if b.Len() > MaxCell {
						return nil, fmt.Errorf("un testo della tabella dei testi condivisi supera %d caratteri (il limite di Excel)", MaxCell)
					}
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if b.Len() > MaxCell {
					return nil, fmt.Errorf("un testo della tabella dei testi condivisi supera %d caratteri (il limite di Excel)", MaxCell)
				}
				out = append(out, b.String())
				inSI = false
			case "rPh":
				inPh--
			}
		}
	}
}

// cellStyles classifies each cell format (cellXfs entry) by its number format.
func cellStyles(f *zip.File) ([]cellKind, error) {
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := decodePart(f, &st); err != nil {
		return nil, err
	}
	custom := map[int]string{}
	for _, n := range st.NumFmts {
		custom[n.ID] = n.Code
	}
	kinds := make([]cellKind, len(st.Xfs))
	for i, x := range st.Xfs {
		if code, ok := custom[x.NumFmtID]; ok {
			kinds[i] = formatKind(code)
		} else {
			kinds[i] = builtinKind(x.NumFmtID)
		}
	}
	return kinds, nil
}

// builtinKind classifies Excel's built-in number formats (ECMA-376 §18.8.30,
// and the East Asian date formats 27–36 and 50–58).
func builtinKind(id int) cellKind {
	switch {
	case id >= 14 && id <= 17, id >= 27 && id <= 31, id >= 34 && id <= 36, id >= 50 && id <= 58:
		return kindDate
	case id == 22:
		return kindDateTime
	case id >= 18 && id <= 21, id >= 45 && id <= 47, id == 32, id == 33:
		return kindClock
	}
	return kindNumber
}

var (
	quotedText  = regexp.MustCompile(`"[^"]*"|\\.|_.|\*.`)
	bracketPart = regexp.MustCompile(`\[[^\]]*\]`)
	elapsed     = regexp.MustCompile(`(?i)\[(h+|m+|s+)\]`)
)

// formatKind classifies a custom format code: literal text, escapes,
// colours and locale tags are removed; y or d (or m in a code without
// hours or seconds, where it means month) make a date, h or s a time.
func formatKind(code string) cellKind {
	code = strings.SplitN(code, ";", 2)[0]
	code = quotedText.ReplaceAllString(code, "")
	hasElapsed := elapsed.MatchString(code)
	code = strings.ToLower(bracketPart.ReplaceAllString(code, ""))
	clock := hasElapsed || strings.ContainsAny(code, "hs")
	date := strings.ContainsAny(code, "yd") || (strings.Contains(code, "m") && !clock)
	switch {
	case strings.Contains(code, "general") || strings.Contains(code, "@"):
		return kindNumber
	case date && clock:
		return kindDateTime
	case date:
		return kindDate
	case clock:
		return kindClock
	}
	return kindNumber
}

var mergeRef = regexp.MustCompile(`<(?:\w+:)?mergeCell\s[^>]*ref="([A-Za-z]+[0-9]+:[A-Za-z]+[0-9]+)"`)

// mergedRanges finds the merged ranges, which the sheet XML lists after
// the cell data: a first pass scans the part's bytes for them, keeping
// only a small window in memory.
func mergedRanges(f *zip.File) ([]mergeRange, error) {
	rc, err := openPart(f, MaxSheet)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var out []mergeRange
	buf := make([]byte, 0, 128<<10)
	chunk := make([]byte, 64<<10)
	for {
		n, err := rc.Read(chunk)
		buf = append(buf, chunk[:n]...)
		keep := 0
		var found [][]int
		if bytes.Contains(buf, []byte("mergeCell")) { // the regexp alone would cost a tenth of the read
			found = mergeRef.FindAllSubmatchIndex(buf, -1)
		}
		for _, m := range found {
			if r, ok := parseRange(string(buf[m[2]:m[3]])); ok {
				out = append(out, r)
			}
			keep = m[1]
		}
		// Keep an unmatched tail that may hold the start of a tag.
		tail := buf[keep:]
		if i := strings.LastIndexByte(string(tail), '<'); i >= 0 {
			tail = tail[i:]
		} else {
			tail = tail[:0]
		}
		if len(tail) > 1024 {
			tail = tail[len(tail)-1024:]
		}
		buf = append(buf[:0], tail...)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func parseRange(ref string) (mergeRange, bool) {
	a, b, _ := strings.Cut(ref, ":")
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return mergeRange{}, false
	}
	return mergeRange{c1: min(c1, c2), r1: min(r1, r2), c2: max(c1, c2), r2: max(r1, r2)}, true
}

// next returns the next row of the sheet. Excel writes no XML for rows
// that were never touched, so only rows present in the file (an emptied or
// formatted row) can be counted as blank.
func (x *xlsxSource) next() record {
	for !x.done {
		tok, err := x.dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			x.done = true
			return record{line: x.row + 1, err: &ParseError{File: x.name, Line: x.row + 1, Err: fmt.Errorf("foglio illeggibile: %w", err)}}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "row" {
				continue
			}
			n := x.row + 1
			if s := attr(t, "r"); s != "" {
				v, err := strconv.Atoi(s)
				if err != nil || v <= x.row || v > excelize.TotalRows {
					x.done = true
					return record{line: n, err: &ParseError{File: x.name, Line: n, Err: fmt.Errorf("numero di riga non valido: %q", s)}}
				}
				n = v
			}
			fields, long, err := x.cells(t, n)
			if err != nil {
				x.done = true
				return record{line: n, err: &ParseError{File: x.name, Line: n, Err: err}}
			}
			x.row = n
			if long > 0 {
				return record{line: n, col: long, err: &ParseError{File: x.name, Line: n,
					Err: fmt.Errorf("cella più lunga di %d caratteri (il limite di Excel)", MaxCell)}}
			}
			return record{line: n, fields: fields}
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				x.done = true
			}
		}
	}
	return record{err: io.EOF}
}

// cells reads the <c> elements of one <row>; long is the 1-based column
// of a cell longer than MaxCell, whose text is not kept.
func (x *xlsxSource) cells(row xml.StartElement, line int) (fields []string, long int, err error) {
	col, size := 0, 0
	for {
		tok, err := x.dec.Token()
		if err != nil {
			return nil, 0, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "c" {
				if err := x.dec.Skip(); err != nil {
					return nil, 0, err
				}
				continue
			}
			c, err := x.readCell(t)
			if err != nil {
				return nil, 0, err
			}
			col++
			if col > MaxColumns {
				return nil, 0, ErrTooManyColumns
			}
			if c.ref != "" {
				cn, rn, err := excelize.CellNameToCoordinates(c.ref)
				if err != nil || rn != line || cn < col {
					return nil, 0, fmt.Errorf("riferimento di cella non valido: %.40q", c.ref)
				}
				if cn > MaxColumns {
					return nil, 0, ErrTooManyColumns
				}
				col = cn
			}
			if c.long && long == 0 {
				long = col
			}
			for len(fields) < col {
				fields = append(fields, "")
			}
			fields[col-1] = strings.TrimSpace(x.text(c.typ, c.style, c.v, c.inline))
			if size += len(fields[col-1]); size > MaxLine {
				return nil, 0, fmt.Errorf("riga più lunga di %d byte: il file non sembra un'esportazione", MaxLine)
			}
		case xml.EndElement:
			if t.Name.Local == row.Name.Local {
				return fields, long, nil
			}
		}
	}
}

// cell is one <c> element of a sheet.
type cell struct {
	ref, typ, v, inline string
	style               int
	long                bool // longer than MaxCell: its text is dropped
}

// readCell reads the <c> element that start opens, token by token: it is
// the reader's inner loop, and encoding/xml's reflection-driven
// DecodeElement would triple its cost. Formulas are ignored (the cached
// value is read) and so are phonetic hints of inline strings.
func (x *xlsxSource) readCell(start xml.StartElement) (cell, error) {
	var c cell
	for _, a := range start.Attr {
		switch a.Name.Local {
		case "r":
			c.ref = a.Value
		case "t":
			c.typ = a.Value
		case "s":
			c.style, _ = strconv.Atoi(a.Value)
		}
	}
	var v, inline strings.Builder
	var text *strings.Builder // where character data goes, nil to drop it
	depth, phonetic := 0, 0
	for {
		tok, err := x.dec.Token()
		if err != nil {
			return c, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "v":
				text = &v
			case "t":
				if phonetic == 0 {
					text = &inline
				}
			case "rPh":
				phonetic++
			}
		case xml.EndElement:
			if depth == 0 {
				c.v, c.inline = v.String(), inline.String()
				return c, nil
			}
			depth--
			switch t.Name.Local {
			case "v", "t":
				text = nil
			case "rPh":
				phonetic--
			}
		case xml.CharData:
			if text != nil && text.Len()+len(t) > MaxCell {
				c.long, text = true, nil
				v.Reset()
				inline.Reset()
			}
			if text != nil && !c.long {
				text.Write(t)
			}
		}
	}
}

// text renders a cell as the reader promises: shared and inline strings as
// written, dates as ISO, times as hh:mm:ss, numbers plain.
func (x *xlsxSource) text(typ string, style int, v, inline string) string {
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(x.sst) {
			return ""
		}
		return x.sst[i]
	case "inlineStr":
		return inline
	case "str", "e":
		return v
	case "b":
		if v == "1" {
			return "VERO"
		}
		return "FALSO"
	case "d":
		return isoText(v)
	}
	if v == "" {
		return ""
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return v
	}
	kind := kindNumber
	if style >= 0 && style < len(x.styles) {
		kind = x.styles[style]
	}
	return numberText(f, kind)
}

// numberText writes a numeric cell by the kind its number format gives it:
// dates as ISO dates, elapsed times as hh:mm:ss, other numbers plainly.
// The XLS reader writes its numbers the same way.
func numberText(f float64, kind cellKind) string {
	switch kind {
	case kindDate, kindDateTime:
		v := strconv.FormatFloat(f, 'f', -1, 64)
		t, hasTime, err := value.DateTime(v, value.LayoutExcel)
		if err != nil {
			return v
		}
		if hasTime || kind == kindDateTime {
			return t.Format("2006-01-02T15:04")
		}
		return t.Format("2006-01-02")
	case kindClock:
		if f >= 0 {
			secs := int64(math.Round(f * 86400))
			return fmt.Sprintf("%02d:%02d:%02d", secs/3600, secs/60%60, secs%60)
		}
	}
	return plainNumber(f)
}

// plainNumber writes f as "1234.5", rounded to Excel's 15 significant
// digits. A result like "1.234" would read as one thousand two hundred and
// thirty-four under the Italian rule of value.Number, so it gets a
// trailing zero ("1.2340") that keeps it a decimal.
func plainNumber(f float64) string {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	s := strconv.FormatFloat(r, 'f', -1, 64)
	digits := strings.TrimPrefix(s, "-")
	if whole, frac, ok := strings.Cut(digits, "."); ok && len(frac) == 3 && len(whole) <= 3 && whole[0] != '0' {
		s += "0"
	}
	return s
}

// isoText normalises an ISO 8601 cell value (t="d") to the reader's form.
func isoText(v string) string {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
				return t.Format("2006-01-02")
			}
			return t.Format("2006-01-02T15:04")
		}
	}
	return v
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// fill returns the function that spreads a merged data cell's value over
// its whole range. Merges that start at or above the header (titles, header
// cells spanning columns) are left alone: a merged header cell labels its
// first column only.
func (x *xlsxSource) fill(headerRow int) func(int, []string) []string {
	if len(x.merges) == 0 {
		return nil
	}
	return func(line int, fields []string) []string {
		for i := range x.merges {
			m := &x.merges[i]
			if m.r1 <= headerRow || line < m.r1 || line > m.r2 {
				continue
			}
			if line == m.r1 {
				if m.c1 <= len(fields) {
					m.value = fields[m.c1-1]
				}
				m.seen = true
			}
			if !m.seen {
				continue
			}
			for len(fields) < m.c2 {
				fields = append(fields, "")
			}
			for c := m.c1; c <= m.c2; c++ {
				fields[c-1] = m.value
			}
		}
		return fields
	}
}

func (x *xlsxSource) close() error {
	err := x.sheet.Close()
	if cerr := x.zr.Close(); err == nil {
		err = cerr
	}
	return err
}
