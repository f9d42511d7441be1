package sampledata

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/carico/carico"
)

//go:embed profiles/*.toml
var profiles embed.FS

// ScenarioFile is the commented example scenario file of the sample Ambito
// (scenari-esempio.toml), for `carico demo` to write beside the exports.
//
//go:embed scenari-esempio.toml
var ScenarioFile []byte

// ScenarioFileName is the example scenario file's name.
const ScenarioFileName = "scenari-esempio.toml"

// File names of the exports.
const (
	filePopulation = "popolazione_residente.csv"
	fileStaff      = "personale.csv"
	fileAbsences   = "assenze.csv"
	fileCases      = "cartelle.xlsx"
	fileDiary1     = "diario_interventi_2023-01_2025-06.csv"
	fileDiary2     = "diario_interventi_2025-01_2025-12.csv"
	fileZones      = "quartieri_seriate_SINTETICI_adiacenze.csv"
	fileCapacity   = "riduzioni_capacita.csv"
)

// WriteExports writes the Ambito into dir as the exports of its (fictional)
// vendors, each with its bundled import profile beside it, and returns them
// in import order: population, staff, absences, cases, assignments,
// activities (two overlapping diario exports), then the quartieri adjacency.
// The bytes depend only on the Ambito, so the same seed gives the same files.
func (a *Ambito) WriteExports(dir string) ([]Export, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	a.Bad = a.Bad[:0]
	type step struct {
		kind, file, profile string
		write               func(path string) error
	}
	steps := []step{
		{"population", filePopulation, "popolazione.toml", a.writePopulation},
		{"staff", fileStaff, "personale.toml", a.writeStaff},
		{"absences", fileAbsences, "assenze.toml", a.writeAbsences},
		{"cases", fileCases, "cartelle.toml", a.writeCases},
		{"assignments", fileCases, "assegnazioni.toml", nil}, // second sheet of the cartelle workbook
		{"activities", fileDiary1, "diario.toml", func(p string) error {
			return a.writeDiary(p, a.From, time.Date(lastYear, 6, 30, 0, 0, 0, 0, time.UTC), true)
		}},
		{"activities", fileDiary2, "diario.toml", func(p string) error {
			return a.writeDiary(p, time.Date(lastYear, 1, 1, 0, 0, 0, 0, time.UTC), a.To, false)
		}},
		{"zones", fileZones, "", a.writeZones},
		{"capacity", fileCapacity, "riduzioni.toml", a.writeCapacity},
	}
	var out []Export
	for _, s := range steps {
		if s.kind == "capacity" && len(a.Reductions) == 0 {
			continue // a subset may keep no reduction: no empty register
		}
		path := filepath.Join(dir, s.file)
		if s.write != nil {
			if err := s.write(path); err != nil {
				return nil, fmt.Errorf("write %s: %w", s.file, err)
			}
		}
		e := Export{Kind: s.kind, Path: path}
		if s.profile != "" {
			b, err := Profile(s.profile)
			if err != nil {
				return nil, err
			}
			e.Profile = filepath.Join(dir, s.profile)
			if err := os.WriteFile(e.Profile, b, 0o644); err != nil {
				return nil, err
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// Profile returns a bundled import profile by file name (e.g. "diario.toml").
func Profile(name string) ([]byte, error) { return profiles.ReadFile("profiles/" + name) }

// csvFile accumulates the records of a CSV export and counts physical lines,
// so that broken rows can be recorded with the line an importer will report.
type csvFile struct {
	buf  bytes.Buffer
	w    *csv.Writer
	line int // physical line the next record starts on
}

func newCSV(crlf bool) *csvFile {
	f := &csvFile{line: 1}
	f.w = csv.NewWriter(&f.buf)
	f.w.Comma = ';'
	f.w.UseCRLF = crlf
	return f
}

// write appends a record and returns the line it starts on. A field with a
// line break is quoted and spans several physical lines.
func (f *csvFile) write(rec ...string) int {
	_ = f.w.Write(rec) // writes to a bytes.Buffer cannot fail
	line := f.line
	f.line++
	for _, s := range rec {
		f.line += strings.Count(s, "\n")
	}
	return line
}

func (f *csvFile) bytes() []byte {
	f.w.Flush()
	return f.buf.Bytes()
}

func itDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}

// itThousands writes n with the Italian thousands separator: 24.336.
func itThousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// itDecimal writes f with a decimal comma and no trailing zeros: 22,5.
func itDecimal(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', -1, 64), ".", ",", 1)
}

func hmm(minutes int) string { return fmt.Sprintf("%d:%02d", minutes/60, minutes%60) }

func hash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func (a *Ambito) comuneName(istat string) string { return a.comuneSpec(istat).name }

func (a *Ambito) operatorByID(id string) carico.Operator {
	for _, o := range a.Operators {
		if o.ID == id {
			return o
		}
	}
	panic("sampledata: unknown operator " + id)
}

// opSpecByID gives the roster entry of id, with surname and name apart.
func opSpecByID(id string) *opSpec {
	for i := range roster {
		if roster[i].id == id {
			return &roster[i]
		}
	}
	panic("sampledata: unknown operator " + id)
}

func writeFile(path string, b []byte) error { return os.WriteFile(path, b, 0o644) }
