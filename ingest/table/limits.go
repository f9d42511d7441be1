package table

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Limits every reader applies while reading, shared by the formats (CSV,
// XLSX, and any other that reads cells): a file never makes carico hold
// more than these in memory, whatever it claims or expands to.
const (
	// MaxColumns is the widest row read: Excel's own limit of 16,384
	// columns (XFD).
	MaxColumns = 16384
	// MaxCellBytes caps the raw bytes of one cell's text as it is read,
	// before it is decoded (XML escapes, UTF-8): eight bytes for each of
	// MaxCell characters. A longer run is cut where it is read, never
	// buffered whole, and the cell is then reported as too long.
	MaxCellBytes = 8 * MaxCell
)

// ErrTooManyColumns is the error of a row wider than MaxColumns.
var ErrTooManyColumns = fmt.Errorf("la riga ha più di %d colonne (il limite di Excel): il file è danneggiato o non è un'esportazione", MaxColumns)

// errMarkupTooLong is the error of an XML tag or attribute longer than
// MaxCellBytes.
var errMarkupTooLong = errors.New("un elemento XML del foglio è più lungo del limite ammesso: il file è danneggiato o non è un'esportazione")

// xmlCap passes an XML stream on with every run of character data cut to
// MaxCellBytes, so that the XML decoder, which returns a text run whole,
// never holds more; a tag (attributes included) longer than that is an
// error. A cut never falls inside an entity (&amp;), which stays valid XML.
type xmlCap struct {
	r      io.Reader
	buf    []byte
	inTag  bool
	quote  byte // the quote of the attribute value being read, in a tag
	run    int  // bytes of the current text run or tag
	entity int  // bytes since an '&' not yet closed by ';', in text
	cut    bool // the current text run is past the cap: dropped up to the next tag
	err    error
}

func newXMLCap(r io.Reader) *xmlCap { return &xmlCap{r: r, buf: make([]byte, 64<<10)} }

func (c *xmlCap) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	for {
		n, err := c.r.Read(c.buf[:min(len(c.buf), len(p))])
		in, out := c.buf[:n], 0
		for len(in) > 0 {
			// Fast paths: a cut run is dropped up to the next tag, and
			// plain text below the cap is copied as it is.
			if !c.inTag && c.entity == 0 {
				if c.cut {
					k := bytes.IndexByte(in, '<')
					if k < 0 {
						break
					}
					in = in[k:]
				} else if k := bytes.IndexAny(in, "<&"); k != 0 {
					if k < 0 {
						k = len(in)
					}
					k = min(k, MaxCellBytes-c.run)
					if k > 0 {
						out += copy(p[out:], in[:k])
						c.run += k
						in = in[k:]
						continue
					}
				}
			}
			keep, err := c.step(in[0])
			if err != nil {
				c.err = err
				return out, err
			}
			if keep {
				p[out] = in[0]
				out++
			}
			in = in[1:]
		}
		if err != nil {
			c.err = err
		}
		if out > 0 || err != nil {
			return out, err
		}
	}
}

// step moves the state on by one byte and says whether to keep it.
func (c *xmlCap) step(b byte) (bool, error) {
	if c.inTag {
		c.run++
		if c.run > MaxCellBytes {
			return false, errMarkupTooLong
		}
		switch {
		case c.quote != 0:
			if b == c.quote {
				c.quote = 0
			}
		case b == '"' || b == '\'':
			c.quote = b
		case b == '>':
			c.inTag, c.run = false, 0
		}
		return true, nil
	}
	if b == '<' {
		c.inTag, c.run, c.entity, c.cut = true, 1, 0, false
		return true, nil
	}
	if c.cut {
		return false, nil
	}
	c.run++
	if c.entity > 0 {
		c.entity++
		if b == ';' || c.entity > 16 { // past 16 it is no entity: the decoder will say so
			c.entity = 0
		}
		return true, nil
	}
	if c.run > MaxCellBytes {
		c.cut = true
		return false, nil
	}
	if b == '&' {
		c.entity = 1
	}
	return true, nil
}
