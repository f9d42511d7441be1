package italian

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// This file owns the parsing of numbers written by Italian users, for
// every reader of them: the importer (ingest/value.Number), the web
// application's forms and the panel's workbook.

// spaces drops the blanks spreadsheets put between thousands (plain, no-break
// and narrow no-break spaces). Built once: ParseNumber runs on every cell.
var spaces = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "")

// ParseNumber parses a number written the Italian way or the plain way:
// "33.091", "1.234,5", "-2,75", "3.5", "1 234", "€ 1.234,50".
//
// The separator written last (and only once) is the decimal one when both
// appear. With a single kind of separator:
//   - commas: one comma is a decimal comma ("1,5"); several must group
//     thousands ("1,234,567");
//   - dots: several must group thousands ("1.234.567"); a single dot
//     followed by exactly three digits, after one to three digits that do
//     not start with 0, is an Italian thousands separator ("33.091" is
//     33091, "1.234" is 1234); any other single dot is a decimal point
//     ("3.5", "0.500", "1234.5").
//
// Thousands groups must have three digits, so "1.23.4" is rejected rather
// than guessed.
func ParseNumber(s string) (float64, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(t, "€"), "€"))
	if t == "" {
		return 0, errors.New("numero mancante")
	}
	neg := false
	switch t[0] {
	case '-', '+':
		neg = t[0] == '-'
		t = strings.TrimSpace(t[1:])
	}
	// Spaces (also non-breaking ones, as Excel writes them) group thousands.
	if strings.ContainsAny(t, " \u00a0\u202f") {
		t = spaces.Replace(t)
	}
	plain, ok := normalise(t)
	if !ok {
		return 0, fmt.Errorf("numero non valido: %q", strings.TrimSpace(s))
	}
	f, err := strconv.ParseFloat(plain, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, fmt.Errorf("numero fuori scala: %q", strings.TrimSpace(s))
	}
	if neg {
		f = -f
	}
	return f, nil
}

// normalise rewrites t (digits and separators only) as "1234.5".
func normalise(t string) (string, bool) {
	for i := 0; i < len(t); i++ {
		if c := t[i]; (c < '0' || c > '9') && c != '.' && c != ',' {
			return "", false
		}
	}
	dots, commas := strings.Count(t, "."), strings.Count(t, ",")
	var thousands, decimal byte
	switch {
	case dots > 0 && commas > 0:
		last := t[strings.LastIndexAny(t, ".,")]
		if last == '.' {
			thousands, decimal = ',', '.'
		} else {
			thousands, decimal = '.', ','
		}
		if strings.Count(t, string(decimal)) > 1 {
			return "", false
		}
	case commas == 1:
		decimal = ','
	case commas > 1:
		thousands = ','
	case dots > 1:
		thousands = '.'
	case dots == 1:
		whole, frac, _ := strings.Cut(t, ".")
		if len(frac) == 3 && len(whole) >= 1 && len(whole) <= 3 && whole[0] != '0' {
			thousands = '.'
		} else {
			decimal = '.'
		}
	}
	whole, frac := t, ""
	if decimal != 0 {
		whole, frac, _ = strings.Cut(t, string(decimal))
		if frac == "" || !digits(frac) {
			return "", false
		}
	}
	if thousands != 0 {
		groups := strings.Split(whole, string(thousands))
		if len(groups[0]) == 0 || len(groups[0]) > 3 {
			return "", false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return "", false
			}
		}
		whole = strings.Join(groups, "")
	}
	if whole == "" || !digits(whole) {
		return "", false
	}
	if frac != "" {
		return whole + "." + frac, true
	}
	return whole, true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
