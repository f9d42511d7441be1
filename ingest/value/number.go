package value

import (
	"errors"
	"fmt"
	"github.com/carico/carico/internal/italian"
	"math"
	"strings"
)

// Number parses a number written the Italian way or the plain way
// ("33.091" is 33091, "1,5" is 1.5): italian.ParseNumber, the one parser
// of the importer, the web forms and the panel's workbook.
func Number(s string) (float64, error) { return italian.ParseNumber(s) }

// Int parses a whole number with the rules of Number ("33.091" is 33091).
func Int(s string) (int, error) {
	f, err := Number(s)
	if err != nil {
		return 0, err
	}
	if f != math.Trunc(f) {
		return 0, fmt.Errorf("atteso un numero intero: %q", strings.TrimSpace(s))
	}
	if math.Abs(f) > 1<<53 {
		return 0, fmt.Errorf("numero fuori scala: %q", strings.TrimSpace(s))
	}
	return int(f), nil
}

// Share parses a share of a whole, such as an operator's allocation to a
// comune, and returns it as a fraction between 0 and 1: "50%" and "50" are
// 0.5, and so is "0,5". A number without "%" is a fraction when it is at
// most 1 and a percentage otherwise, so "1" is the whole. Shares above 100 %
// and negative shares are errors.
func Share(s string) (float64, error) {
	t := strings.TrimSpace(s)
	pct := strings.HasSuffix(t, "%")
	t = strings.TrimSpace(strings.TrimSuffix(t, "%"))
	if t == "" {
		return 0, errors.New("quota mancante")
	}
	f, err := Number(t)
	if err != nil {
		return 0, fmt.Errorf("quota non valida: %q", strings.TrimSpace(s))
	}
	if f < 0 {
		return 0, fmt.Errorf("quota negativa: %q", strings.TrimSpace(s))
	}
	if pct || f > 1 {
		f /= 100
	}
	if f > 1 {
		return 0, fmt.Errorf("quota oltre il 100%%: %q", strings.TrimSpace(s))
	}
	return f, nil
}
