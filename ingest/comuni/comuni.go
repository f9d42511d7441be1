// Package comuni is the national table of Italian comuni — ISTAT code,
// cadastral (Belfiore) code, name, province, the dates a cadastral code
// was valid — and finds a comune by any name exports give it: its ISTAT
// code (with or without the leading zeros), its cadastral code, its name
// in the usual spellings («PERUGIA (PG)», «Comune di Perugia», without
// accents or apostrophes).
//
// The table (comuni.tsv) is built by `make assets` from two pinned npm
// packages (see gen and npm/package.json) and embedded, like ECharts.
package comuni

import (
	_ "embed"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/carico/carico/ingest/comuni/internal/spell"
)

//go:embed comuni.tsv
var table string

// Comune is one row of the table.
type Comune struct {
	ISTAT    string // six digits; "" for a comune that no longer exists
	Belfiore string // cadastral code: a letter and three digits; "" for the few comuni renamed or merged after the cadastral dataset
	Name     string
	Province string // sigla: PG
	From, To string // ISO dates the cadastral code was valid; To "" while valid
}

// Current reports whether the comune exists today.
func (c Comune) Current() bool { return c.To == "" && c.ISTAT != "" }

type index struct {
	all    []Comune
	byCode map[string]int   // ISTAT and cadastral codes
	byName map[string][]int // Key of the name, and of "name province"
}

var (
	once sync.Once
	idx  *index
)

func load() *index {
	once.Do(func() {
		idx = &index{byCode: map[string]int{}, byName: map[string][]int{}}
		for i, line := range strings.Split(strings.TrimSpace(table), "\n") {
			f := strings.Split(line, "\t")
			if i == 0 || len(f) != 6 {
				continue
			}
			c := Comune{ISTAT: f[0], Belfiore: f[1], Name: f[2], Province: f[3], From: f[4], To: f[5]}
			n := len(idx.all)
			idx.all = append(idx.all, c)
			if c.ISTAT != "" {
				idx.byCode[c.ISTAT] = n
			}
			if _, taken := idx.byCode[c.Belfiore]; c.Belfiore != "" && (!taken || c.Current()) {
				idx.byCode[c.Belfiore] = n
			}
			k := Key(c.Name)
			idx.byName[k] = append(idx.byName[k], n)
			idx.byName[k+"|"+c.Province] = append(idx.byName[k+"|"+c.Province], n)
		}
	})
	return idx
}

// All returns the table: the current comuni, then those that no longer
// exist, each once.
func All() []Comune {
	out := append([]Comune(nil), load().all...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Current() && !out[j].Current() })
	return out
}

var (
	province = regexp.MustCompile(`(?i)\s*\(\s*([a-z]{2})\s*\)\s*$`)
	prefix   = regexp.MustCompile(`(?i)^\s*comune\s+(di|d'|de'|del|della|dei|degli)\s*`)
	code     = regexp.MustCompile(`^(?i)[a-z][0-9]{3}$`)
)

// Key is the spelling-free form of a name: lower case, no accents, words
// of letters and digits only, in their order.
func Key(s string) string { return spell.Key(s) }

// Find resolves s: an ISTAT code, a cadastral code or a name, with the
// province in brackets or «Comune di» before it. A name shared by comuni
// of different provinces resolves only with its province; a current
// comune wins over one that no longer exists.
func Find(s string) (Comune, bool) {
	x := load()
	s = strings.TrimSpace(s)
	if s == "" {
		return Comune{}, false
	}
	if digits(s) && len(s) <= 6 {
		i, ok := x.byCode[strings.Repeat("0", 6-len(s))+s]
		if ok {
			return x.all[i], true
		}
		return Comune{}, false
	}
	if code.MatchString(s) {
		if i, ok := x.byCode[strings.ToUpper(s)]; ok {
			return x.all[i], true
		}
	}
	name, prov := Split(s)
	k := Key(name)
	if prov != "" {
		k += "|" + prov
	}
	return pick(x, x.byName[k])
}

// Split takes off what exports write around a comune's name: the
// province in brackets («PERUGIA (PG)», SISO's «Residenza»), returned in
// capitals, and the institution before it («Comune di Perugia»; «Città di
// Castello» is a name and stays).
func Split(s string) (name, prov string) {
	if m := province.FindStringSubmatch(s); m != nil {
		prov, s = strings.ToUpper(m[1]), s[:len(s)-len(m[0])]
	}
	return strings.TrimSpace(prefix.ReplaceAllString(s, "")), prov
}

func pick(x *index, ids []int) (Comune, bool) {
	var cur []int
	for _, i := range ids {
		if x.all[i].Current() {
			cur = append(cur, i)
		}
	}
	switch {
	case len(cur) == 1:
		return x.all[cur[0]], true
	case len(cur) == 0 && len(ids) == 1:
		return x.all[ids[0]], true
	}
	return Comune{}, false
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
