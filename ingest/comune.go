package ingest

import (
	"regexp"
	"strings"
)

// comuneDecor matches what exports write around a comune's name: the
// province in brackets («PERUGIA (PG)», SISO's «Residenza») and the
// institution before it («Comune di Perugia», «Città di Castello» is a
// name and is left alone: only «Comune di/del/della…» is taken off).
var comuneDecor = regexp.MustCompile(`(?i)^\s*comune\s+(di|d'|de'|del|della|dei|degli)\s*|\s*\(\s*[a-z]{2}\s*\)\s*$`)

// ComuneKey is the key a comune's name is looked up by: NameKey of the
// name without the province in brackets or a leading «Comune di».
func ComuneKey(s string) string {
	return NameKey(comuneDecor.ReplaceAllString(s, ""))
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
