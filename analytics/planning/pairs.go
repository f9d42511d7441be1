package planning

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// ReadPairs reads a two-column file of unit pairs: an adjacency file
// (unit, neighbour) or a current-zones file (unit, zone). Cells are
// separated by ';', ',' or a tab; lines starting with '#' and blank lines
// are skipped, as is a UTF-8 BOM. known tells whether a first cell names a
// unit: a first row whose first cell is not a unit is taken as the header;
// any later such row is an error naming its line.
func ReadPairs(r io.Reader, name string, known func(string) bool) ([][2]string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var pairs [][2]string
	line, rows := 0, 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		rows++
		cells := strings.FieldsFunc(text, func(r rune) bool { return r == ';' || r == ',' || r == '\t' })
		if len(cells) < 2 {
			return nil, fmt.Errorf("%s, riga %d: servono due colonne, trovato %q", name, line, text)
		}
		a := strings.Trim(strings.TrimSpace(cells[0]), `"`)
		b := strings.Trim(strings.TrimSpace(cells[1]), `"`)
		if !known(a) {
			if rows == 1 {
				continue // header
			}
			return nil, fmt.Errorf("%s, riga %d, colonna 1: unità sconosciuta %q", name, line, a)
		}
		pairs = append(pairs, [2]string{a, b})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return pairs, nil
}
