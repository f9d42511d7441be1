package comuni

import (
	"strings"
	"testing"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"unicode"
)

// TestEveryComune resolves every current comune of the national table to
// itself by its ISTAT code (with and without leading zeros), its cadastral
// code, and each usual spelling of its name: as written, in capitals with
// the province in brackets (SISO's «Residenza»), after «Comune di»,
// without accents, without apostrophes. A name that several comuni share
// resolves only with the province.
func TestEveryComune(t *testing.T) {
	t.Parallel()
	all := All()
	names := map[string]int{}
	current, noCadastral := 0, 0
	for _, c := range all {
		if c.Current() {
			names[Key(c.Name)]++
			current++
		}
	}
	if current < 7500 {
		t.Fatalf("%d current comuni, want the whole national table", current)
	}
	plain := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	for _, c := range all {
		if !c.Current() {
			continue
		}
		want := func(how, s string) {
			t.Helper()
			if got, ok := Find(s); !ok || got != c {
				t.Errorf("%s %s (%s): Find(%q) = %+v, %v", how, c.Name, c.ISTAT, s, got, ok)
			}
		}
		want("ISTAT", c.ISTAT)
		want("ISTAT without leading zeros", strings.TrimLeft(c.ISTAT, "0"))
		if c.Belfiore != "" {
			want("cadastral code", c.Belfiore)
			want("cadastral code", strings.ToLower(c.Belfiore))
		} else {
			noCadastral++
		}
		noAccents, _, _ := transform.String(plain, c.Name)
		spellings := []string{
			strings.ToUpper(c.Name) + " (" + c.Province + ")",
			"Comune di " + c.Name + " (" + c.Province + ")",
			noAccents + "(" + strings.ToLower(c.Province) + ")",
			strings.ReplaceAll(c.Name, "'", " ") + " (" + c.Province + ")",
		}
		if names[Key(c.Name)] == 1 {
			spellings = append(spellings, c.Name, strings.ToUpper(c.Name), "COMUNE DI "+strings.ToUpper(c.Name), noAccents,
				strings.ReplaceAll(c.Name, "'", ""+" "))
		}
		for _, s := range spellings {
			want("spelling", s)
		}
	}
	// Some comuni were renamed or merged after the cadastral dataset: they
	// resolve by code and name but have no cadastral code. Bound them.
	if noCadastral > current*3/100 {
		t.Errorf("%d of %d comuni without a cadastral code", noCadastral, current)
	}
	t.Logf("%d current comuni, %d without a cadastral code, %d that no longer exist", current, noCadastral, len(all)-current)
}

func TestFind(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, istat string }{
		{"PERUGIA (PG)", "054039"},
		{"Comune di Perugia", "054039"},
		{"G478", "054039"},
		{"54039", "054039"},
		{"TORRE DE' ROVERI (BG)", "016216"},
		{"Torre de Roveri", "016216"},
		{"Forli", "040012"},
		{"Senza fissa dimora", ""},
		{"Marocco", ""},
		{"999999", ""},
		{"", ""},
	} {
		got, ok := Find(tt.in)
		if ok != (tt.istat != "") || got.ISTAT != tt.istat {
			t.Errorf("Find(%q) = %+v, %v; want %q", tt.in, got, ok, tt.istat)
		}
	}
	// A comune that no longer exists is found by its cadastral code.
	if c, ok := Find("A003"); !ok || c.Current() || c.Name != "Abbadia Alpina" {
		t.Errorf("Find(A003) = %+v, %v", c, ok)
	}
}
