package sampledata

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"unicode/utf16"
)

// A minimal writer of legacy Excel workbooks (.xls, BIFF8) whose cells are
// all text, the shape of SISO's listaCasi.xls (written by Apache POI's
// HSSF). No maintained Go library writes BIFF8; the format for text cells
// is small: a compound file (CFB) holding one «Workbook» stream of records
// — BOF, the sheets' names, the shared strings (SST), then per sheet BOF,
// one LABELSST per cell, EOF.

// xlsSheet is one sheet: its name and rows of text cells.
type xlsSheet struct {
	name string
	rows [][]string
}

// writeXLS writes sheets as a BIFF8 workbook at path.
func writeXLS(path string, sheets []xlsSheet) error {
	b, err := workbookBIFF8(sheets)
	if err != nil {
		return err
	}
	return os.WriteFile(path, compoundFile(b), 0o644)
}

// biffWriter accumulates records.
type biffWriter struct{ bytes.Buffer }

func (w *biffWriter) record(typ uint16, data []byte) {
	var h [4]byte
	binary.LittleEndian.PutUint16(h[:], typ)
	binary.LittleEndian.PutUint16(h[2:], uint16(len(data)))
	w.Write(h[:])
	w.Write(data)
}

func le16(v int) []byte { return binary.LittleEndian.AppendUint16(nil, uint16(v)) }
func le32(v int) []byte { return binary.LittleEndian.AppendUint32(nil, uint32(v)) }

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func bof(kind int) []byte {
	// BIFF8, build and year of Excel 97, history flags, lowest version.
	return cat(le16(0x0600), le16(kind), le16(0x0DBB), le16(0x07CC), le32(0x41), le32(6))
}

// maxRecord is the largest record body BIFF8 allows; the SST continues in
// CONTINUE records beyond it.
const maxRecord = 8224

func workbookBIFF8(sheets []xlsSheet) ([]byte, error) {
	// Shared strings, in order of first use.
	index := map[string]int{}
	var strs []string
	total := 0
	for _, s := range sheets {
		for _, r := range s.rows {
			for _, c := range r {
				if c == "" {
					continue
				}
				total++
				if _, ok := index[c]; !ok {
					index[c] = len(strs)
					strs = append(strs, c)
				}
			}
		}
	}
	var g biffWriter
	g.record(0x0809, bof(0x0005))
	g.record(0x0042, le16(1200)) // CODEPAGE: UTF-16
	g.record(0x003D, cat(le16(0), le16(0), le16(0x4000), le16(0x2000), le16(0x38), le16(0), le16(0), le16(1), le16(0x258)))
	font := cat(le16(200), le16(0), le16(0x7FFF), le16(400), le16(0), []byte{0, 0, 0, 0}, utf16le("Arial"))
	for i := 0; i < 5; i++ { // Excel expects fonts 0–4 (4 is never used)
		g.record(0x0031, font)
	}
	// Sixteen style XFs and one cell XF (index 15), all General, font 0.
	styleXF := cat(le16(0), le16(0), le16(0xFFF5), le16(0x20), le16(0), le32(0), le32(0), le16(0x20C0))
	for i := 0; i < 15; i++ {
		g.record(0x00E0, styleXF)
	}
	g.record(0x00E0, cat(le16(0), le16(0), le16(0x0001), le16(0x20), le16(0), le32(0), le32(0), le16(0x20C0)))
	g.record(0x0293, cat(le16(0x8000), []byte{0, 0xFF})) // STYLE: Normal
	var sheetPos []int
	for _, s := range sheets {
		sheetPos = append(sheetPos, g.Len()+4) // the offset field, patched below
		g.record(0x0085, cat(le32(0), []byte{0, 0}, shortUTF16(s.name)))
	}
	writeSST(&g, strs, total)
	g.record(0x000A, nil)
	out := g.Bytes()
	for i, s := range sheets {
		binary.LittleEndian.PutUint32(out[sheetPos[i]:], uint32(len(out)))
		var w biffWriter
		w.record(0x0809, bof(0x0010))
		cols := 0
		for _, r := range s.rows {
			cols = max(cols, len(r))
		}
		if len(s.rows) > 65536 || cols > 256 {
			return nil, errors.New("xls: sheet too large for BIFF8")
		}
		w.record(0x0200, cat(le32(0), le32(len(s.rows)), le16(0), le16(cols), le16(0)))
		for ri, r := range s.rows {
			for ci, c := range r {
				if c != "" {
					w.record(0x00FD, cat(le16(ri), le16(ci), le16(15), le32(index[c])))
				}
			}
		}
		w.record(0x023E, cat(le16(0x06B6), le16(0), le16(0), le16(0x40), le16(0), le16(0), le16(0), le32(0)))
		w.record(0x000A, nil)
		out = append(out, w.Bytes()...)
	}
	return out, nil
}

func utf16le(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 0, 1+2*len(u))
	b = append(b, byte(len(u)), 1) // 1-byte length, 16-bit characters
	for _, c := range u {
		b = binary.LittleEndian.AppendUint16(b, c)
	}
	return b
}

// shortUTF16 is a ShortXLUnicodeString: length, flags, 16-bit characters.
func shortUTF16(s string) []byte { return utf16le(s) }

// writeSST writes the shared strings as 16-bit strings, continuing in
// CONTINUE records; a string cut by a record boundary resumes after a
// flags byte, as BIFF8 requires.
func writeSST(w *biffWriter, strs []string, total int) {
	body := cat(le32(total), le32(len(strs)))
	typ := uint16(0x00FC)
	flush := func() {
		w.record(typ, body)
		typ, body = 0x003C, nil
	}
	for _, s := range strs {
		u := utf16.Encode([]rune(s))
		if len(body)+3+2 > maxRecord { // the header and one character together
			flush()
		}
		body = append(body, cat(le16(len(u)), []byte{1})...)
		for len(u) > 0 {
			room := (maxRecord - len(body)) / 2
			if room == 0 {
				flush()
				body = append(body, 1) // the continued characters are 16-bit
				continue
			}
			n := min(room, len(u))
			for _, c := range u[:n] {
				body = binary.LittleEndian.AppendUint16(body, c)
			}
			u = u[n:]
		}
	}
	flush()
}

// Compound file constants (CFB version 3, 512-byte sectors).
const (
	sectorSize = 512
	endOfChain = 0xFFFFFFFE
	freeSect   = 0xFFFFFFFF
	fatSect    = 0xFFFFFFFD
	noStream   = 0xFFFFFFFF
	miniCutoff = 4096
)

// compoundFile wraps a Workbook stream in a compound file: the stream's
// sectors, one directory sector, then the FAT. A stream shorter than the
// mini-stream cutoff is padded to it, so that it lives in normal sectors;
// readers stop at the workbook's last EOF record.
func compoundFile(stream []byte) []byte {
	if len(stream) < miniCutoff {
		stream = append(stream, make([]byte, miniCutoff-len(stream))...)
	}
	n := (len(stream) + sectorSize - 1) / sectorSize
	fatSectors := 1
	for (n+1+fatSectors+127)/128 > fatSectors {
		fatSectors++
	}
	dirSector := n
	fat := make([]uint32, fatSectors*128)
	for i := range fat {
		fat[i] = freeSect
	}
	for i := 0; i < n; i++ {
		fat[i] = uint32(i + 1)
	}
	fat[n-1] = endOfChain
	fat[dirSector] = endOfChain
	for i := 0; i < fatSectors; i++ {
		fat[n+1+i] = fatSect
	}

	h := make([]byte, sectorSize)
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	binary.LittleEndian.PutUint16(h[24:], 0x003E)
	binary.LittleEndian.PutUint16(h[26:], 0x0003)
	binary.LittleEndian.PutUint16(h[28:], 0xFFFE)
	binary.LittleEndian.PutUint16(h[30:], 9)
	binary.LittleEndian.PutUint16(h[32:], 6)
	binary.LittleEndian.PutUint32(h[44:], uint32(fatSectors))
	binary.LittleEndian.PutUint32(h[48:], uint32(dirSector))
	binary.LittleEndian.PutUint32(h[56:], miniCutoff)
	binary.LittleEndian.PutUint32(h[60:], endOfChain)
	binary.LittleEndian.PutUint32(h[68:], endOfChain)
	for i := 0; i < 109; i++ {
		v := uint32(freeSect)
		if i < fatSectors {
			v = uint32(n + 1 + i)
		}
		binary.LittleEndian.PutUint32(h[76+4*i:], v)
	}

	out := bytes.NewBuffer(h)
	out.Write(stream)
	out.Write(make([]byte, n*sectorSize-len(stream)))
	dir := make([]byte, sectorSize)
	dirEntry(dir[0:128], "Root Entry", 5, noStream, 1, endOfChain, 0)
	dirEntry(dir[128:256], "Workbook", 2, noStream, noStream, 0, len(stream))
	for i := 2; i < 4; i++ {
		e := dir[128*i : 128*(i+1)]
		binary.LittleEndian.PutUint32(e[68:], noStream)
		binary.LittleEndian.PutUint32(e[72:], noStream)
		binary.LittleEndian.PutUint32(e[76:], noStream)
	}
	out.Write(dir)
	for _, v := range fat {
		out.Write(le32(int(v)))
	}
	return out.Bytes()
}

func dirEntry(e []byte, name string, typ byte, sibling, child uint32, start uint32, size int) {
	u := utf16.Encode([]rune(name))
	for i, c := range u {
		binary.LittleEndian.PutUint16(e[2*i:], c)
	}
	binary.LittleEndian.PutUint16(e[64:], uint16(2*(len(u)+1)))
	e[66], e[67] = typ, 1 // black
	binary.LittleEndian.PutUint32(e[68:], sibling)
	binary.LittleEndian.PutUint32(e[72:], sibling)
	binary.LittleEndian.PutUint32(e[76:], child)
	binary.LittleEndian.PutUint32(e[116:], start)
	binary.LittleEndian.PutUint32(e[120:], uint32(size))
}
