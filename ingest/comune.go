package ingest

import (
	"strings"

	"github.com/carico/carico/ingest/comuni"
)

// ComuneKey is the key a comune's name is looked up by: NameKey of the
// name without the province in brackets or a leading «Comune di».
func ComuneKey(s string) string {
	name, _ := comuni.Split(s)
	return NameKey(name)
}

// comuneByName resolves a comune cell by its name in any usual spelling.
func (l *lookups) comuneByName(s string) (string, bool) {
	if code, ok := l.comuni[l.keys.key(s)]; ok {
		return code, true
	}
	code, ok := l.comuni[ComuneKey(s)]
	return code, ok
}

// outsideComune reports whether a profile maps the label to no comune:
// «Senza fissa dimora», a foreign state. The row is kept without one.
func outsideComune(code string) bool { return strings.TrimSpace(code) == "" }
