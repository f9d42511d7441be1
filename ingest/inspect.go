package ingest

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/carico/carico/ingest/mask"
	"github.com/carico/carico/ingest/table"
	"github.com/carico/carico/ingest/value"
)

// Column types as inspect names them.
const (
	TypeDate     = "data"
	TypeDuration = "durata"
	TypeClock    = "ora"
	TypeNumber   = "numero"
	TypeText     = "testo"
	TypeCF       = "codice fiscale"
	TypeEmpty    = "vuota"
)

// maxLabels bounds the distinct labels kept per label column: a column with
// more is free text, not a classification.
const maxLabels = 200

// Inspection is what inspect learned about a file: how it is written, what
// each column holds, and the profile it proposes.
type Inspection struct {
	File        string
	Meta        table.Meta
	Kind        string
	KindGuessed bool
	Rows        int
	Columns     []Column
	Formats     Formats
	// Labels lists, per label field (kind, area, …), the distinct values of
	// its column in order of first appearance.
	Labels map[string][]string
}

// Column describes one source column.
type Column struct {
	Name    string
	Type    string
	Field   string   // canonical field it was matched to, "" if none
	Masked  bool     // personal data: samples are never shown
	Samples []string // up to three distinct values; nil when masked
	Filled  int
	values  []string       // distinct values, up to maxLabels; none for personal columns
	counts  map[string]int // values per type
	shapes  map[string]int // date layouts and duration forms seen
}

// Inspect reads the whole file, streaming, and describes it. kind may be
// empty: it is then guessed from the header.
func Inspect(path string, opt table.Options, kind string) (*Inspection, error) {
	if kind != "" {
		if _, ok := Fields[kind]; !ok {
			return nil, fmt.Errorf("tipo %q non valido (%s)", kind, strings.Join(kindNames(), ", "))
		}
	}
	r, err := table.Open(path, opt)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	in := &Inspection{File: filepath.Base(path), Kind: kind, Labels: map[string][]string{}}
	header := r.Header()
	if in.Kind == "" {
		in.Kind, in.KindGuessed = guessKind(header), true
	}
	fields := matchColumns(in.Kind, header)
	in.Columns = make([]Column, len(header))
	seen := make([]map[string]bool, len(header))
	for i, h := range header {
		// Operators are staff, named in every report; citizens are not.
		masked := personalHeader(h) && fields[i] != "operator"
		in.Columns[i] = Column{Name: h, Field: fields[i], Masked: masked, counts: map[string]int{}, shapes: map[string]int{}}
		seen[i] = map[string]bool{}
	}
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *table.ParseError
			if errors.As(err, &pe) {
				continue // inspect describes what it can read; import reports the rest
			}
			return nil, err
		}
		in.Rows++
		for i := range in.Columns {
			c := &in.Columns[i]
			v := row.Fields[i]
			if v == "" {
				continue
			}
			c.Filled++
			typ, shape := classify(v)
			c.counts[typ]++
			c.shapes[shape]++
			if !seen[i][v] && len(seen[i]) < maxLabels+1 {
				seen[i][v] = true
				if len(c.Samples) < 3 {
					// A shifted row can put a codice fiscale in any column.
					c.Samples = append(c.Samples, mask.Dates(v))
				}
				if labelFields[c.Field] != nil {
					in.Labels[c.Field] = append(in.Labels[c.Field], v)
				}
				if !c.Masked {
					c.values = append(c.values, v)
				}
			}
		}
	}
	in.Meta = r.Meta()
	for i := range in.Columns {
		c := &in.Columns[i]
		c.Type = columnType(c)
		if c.Type == TypeCF {
			c.Masked = true
		}
		if c.Masked {
			c.Samples = nil
		}
	}
	for f, labels := range in.Labels {
		if len(labels) > maxLabels {
			delete(in.Labels, f)
		}
	}
	in.Formats = proposeFormats(in.Columns)
	return in, nil
}

var cfPattern = regexp.MustCompile(`^(?i)[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$`)

var (
	dmyShape   = regexp.MustCompile(`^\d{1,2}[/.]\d{1,2}[/.]\d{4}\b`)
	dmyyShape  = regexp.MustCompile(`^\d{1,2}/\d{1,2}/\d{2}\b`)
	dmyDash    = regexp.MustCompile(`^\d{1,2}-\d{1,2}-\d{4}\b`)
	isoShape   = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)
	clockShape = regexp.MustCompile(`^\d+:\d{2}(:\d{2})?$`)
)

// classify names the type of one value and the layout it is written in.
func classify(v string) (typ, shape string) {
	switch {
	case cfPattern.MatchString(v):
		return TypeCF, ""
	case clockShape.MatchString(v):
		if strings.Count(v, ":") == 2 {
			return TypeDuration, value.LayoutHMS
		}
		return TypeDuration, value.LayoutHM
	}
	if _, err := value.Number(v); err == nil {
		if digitsOnly(v) {
			return TypeNumber, "integer"
		}
		return TypeNumber, "decimal"
	}
	if _, err := value.Date(v, ""); err == nil {
		switch {
		case isoShape.MatchString(v):
			return TypeDate, value.LayoutISO
		case dmyShape.MatchString(v):
			return TypeDate, value.LayoutDMY
		case dmyyShape.MatchString(v):
			return TypeDate, value.LayoutDMYShort
		case dmyDash.MatchString(v):
			return TypeDate, value.LayoutDMYDash
		}
	}
	return TypeText, ""
}

func digitsOnly(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// dateFields are the canonical fields that hold dates: a numeric column
// mapped to one of them holds Excel serials.
var dateFields = map[string]bool{"date": true, "opened": true, "closed": true, "birth_date": true,
	"application": true, "decision": true, "from": true, "to": true, "start": true, "end": true}

// columnType is the type of at least 90 % of a column's filled values,
// "testo" when none dominates. Numbers in a column mapped to a date field
// are Excel serials, numbers and clock times in the minutes column are
// all durations, and clock times in the time column are times of day.
func columnType(c *Column) string {
	if c.Filled == 0 {
		return TypeEmpty
	}
	counts := c.counts
	if c.Field == "minutes" {
		counts = map[string]int{TypeDuration: c.counts[TypeDuration] + c.counts[TypeNumber]}
	}
	typ := TypeText
	for t, n := range counts {
		if 10*n >= 9*c.Filled {
			typ = t
		}
	}
	switch {
	case typ == TypeNumber && dateFields[c.Field]:
		return TypeDate
	case typ == TypeDuration && c.Field == "time":
		return TypeClock
	}
	return typ
}

// proposeFormats picks the date layout common to all date columns (none
// when they mix layouts: each value is then detected) and the duration
// form of the minutes column.
func proposeFormats(cols []Column) Formats {
	var f Formats
	dates := map[string]bool{}
	for _, c := range cols {
		switch {
		case c.Type == TypeDate:
			for s := range c.shapes {
				switch s {
				case "integer", "decimal":
					dates[value.LayoutExcel] = true
				case "":
				default:
					dates[s] = true
				}
			}
		case c.Field == "minutes" && c.Type == TypeDuration:
			f.Duration = durationForm(&c)
		}
	}
	if len(dates) == 1 {
		for d := range dates {
			f.Date = d
		}
	}
	return f
}

// durationForm is the one form the minutes column is written in, or ""
// when it mixes clock times and numbers, which are then told apart value
// by value.
func durationForm(c *Column) string {
	clock := c.shapes[value.LayoutHM] + c.shapes[value.LayoutHMS]
	numbers := c.shapes["integer"] + c.shapes["decimal"]
	switch {
	case clock > 0 && numbers > 0:
		return ""
	case c.shapes[value.LayoutHMS] > 0:
		return value.LayoutHMS
	case clock > 0:
		return value.LayoutHM
	case c.shapes["decimal"] > 0 || hoursHeader.MatchString(normalise(c.Name)):
		return value.LayoutHours
	}
	return value.LayoutMinutes
}

var hoursHeader = regexp.MustCompile(`\bore\b|\bh\b`) // on normalised headers: "Durata (h)" is "durata h"

// personalHeader spots columns of citizens' personal data by their header:
// their values are never printed. Operators' names are staff data and are
// shown.
var personalPattern = regexp.MustCompile(`^(cognome|nome|nominativo|utente|assistito|beneficiario|richiedente|indirizzo|residenza|via|telefono|cellulare|e ?mail|data (di )?nascita|luogo (di )?nascita|codice fiscale|cod fiscale|cf|note|annotazioni|descrizione)\b`)

func personalHeader(h string) bool { return personalPattern.MatchString(normalise(h)) }

// normalise folds a header for matching: lower case, no accents, no
// punctuation, single spaces.
func normalise(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	s, _, _ = transform.String(t, strings.ToLower(s))
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return ' '
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func kindNames() []string {
	names := make([]string, 0, len(Fields))
	for k := range Fields {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// WriteReport writes the inspection as Italian text for the user.
func (in *Inspection) WriteReport(w io.Writer) error {
	var b strings.Builder
	m := in.Meta
	fmt.Fprintf(&b, "File: %s\n", in.File)
	switch m.Format {
	case "xlsx", "xls":
		fmt.Fprintf(&b, "Formato: %s, foglio %q (fogli presenti: %s)\n", strings.ToUpper(m.Format), m.Sheet, quoteAll(m.Sheets))
	default:
		fmt.Fprintf(&b, "Formato: CSV, codifica %s, separatore %s\n", m.Encoding, delimiterName(m.Delimiter))
	}
	fmt.Fprintf(&b, "Intestazione: riga %d\n", m.HeaderLine)
	for _, t := range m.Title {
		fmt.Fprintf(&b, "Titolo sopra l'intestazione: %q\n", t)
	}
	fmt.Fprintf(&b, "Righe di dati: %d (saltate: %d vuote, %d di totali)\n", in.Rows, m.Blank, m.Totals)
	how := "indicato"
	if in.KindGuessed {
		how = "dedotto dall'intestazione"
	}
	fmt.Fprintf(&b, "Tipo di importazione: %s (%s)\n\nColonne:\n", in.Kind, how)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  n.\tcolonna\ttipo\tcampo\tvalori\tesempi\n")
	for i, c := range in.Columns {
		field := c.Field
		if field == "" {
			field = "-"
		}
		samples := strings.Join(c.Samples, " | ")
		if c.Masked {
			samples = "(nascosti: dati personali)"
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%d\t%s\n", i+1, c.Name, c.Type, field, c.Filled, samples)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var missing []string
	mapped := map[string]bool{}
	for _, c := range in.Columns {
		mapped[c.Field] = true
	}
	for _, f := range Fields[in.Kind] {
		if !mapped[f] {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(&b, "\nCampi senza colonna: %s\n", strings.Join(missing, ", "))
		for _, f := range missing {
			if why := missingWhy[f]; why != "" {
				fmt.Fprintf(&b, "  %s: %s\n", f, why)
			}
		}
	}
	for _, f := range in.labelFieldsInOrder() {
		var open []string
		for _, l := range in.Labels[f] {
			if c, _, _ := labelFields[f].propose(l); c == "" {
				open = append(open, strconv.Quote(l))
			}
		}
		if len(open) > 0 {
			fmt.Fprintf(&b, "Etichette di %s da classificare: %s\n", f, strings.Join(open, ", "))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// missingWhy says, for a field a file often lacks, what carico cannot
// know without it, so that inspect asks for it.
var missingWhy = map[string]string{
	"patron": "festa patronale del comune (gg/mm): aggiungere la colonna, o indicarla in [awt.patron] nella configurazione; senza, il santo patrono non è tolto dai giorni lavorativi e il prospetto personale lo dichiara",
}

// WriteProfile writes the proposed profile: a commented TOML file that
// LoadProfile reads and the user is expected to review.
func (in *Inspection) WriteProfile(w io.Writer) error {
	var b strings.Builder
	m := in.Meta
	fmt.Fprintf(&b, "# Profilo proposto da «carico inspect» per %s.\n", in.File)
	b.WriteString("# Controllare ogni voce prima di importare: le colonne sono state riconosciute\n# dal nome, le etichette dalle parole chiave.\n\n")
	fmt.Fprintf(&b, "name = %s\n", tomlString(in.File))
	how := ""
	if in.KindGuessed {
		how = "  # dedotto dall'intestazione"
	}
	fmt.Fprintf(&b, "kind = %s%s\n", tomlString(in.Kind), how)
	switch m.Format {
	case "xlsx", "xls":
		fmt.Fprintf(&b, "sheet = %s\n", tomlString(m.Sheet))
	default:
		enc := m.Encoding
		if enc == "utf-8-bom" {
			enc = "utf-8"
		}
		fmt.Fprintf(&b, "encoding = %s\n", tomlString(enc))
		fmt.Fprintf(&b, "delimiter = %s\n", tomlString(string(m.Delimiter)))
	}
	fmt.Fprintf(&b, "header_row = %d\n", m.HeaderLine)

	b.WriteString("\n[columns]\n")
	var unmatched []string
	done := map[string]bool{}
	for _, c := range in.Columns {
		switch {
		case c.Field == "":
			unmatched = append(unmatched, strconv.Quote(c.Name))
		case done[c.Field]:
		default:
			done[c.Field] = true
			cols := in.columnsOf(c.Field)
			if len(cols) == 1 {
				fmt.Fprintf(&b, "%s = %s\n", c.Field, tomlString(cols[0]))
			} else {
				q := make([]string, len(cols))
				for i, n := range cols {
					q[i] = tomlString(n)
				}
				fmt.Fprintf(&b, "%s = [%s]\n", c.Field, strings.Join(q, ", "))
			}
		}
	}
	for _, f := range Fields[in.Kind] {
		if !done[f] {
			fmt.Fprintf(&b, "# %s = \"\"", f)
			if why := missingWhy[f]; why != "" {
				b.WriteString("  # " + why)
			}
			b.WriteString("\n")
		}
	}
	if len(unmatched) > 0 {
		fmt.Fprintf(&b, "# Colonne non riconosciute: %s\n", strings.Join(unmatched, ", "))
	}
	if done["note"] {
		b.WriteString("# Le note libere non vengono importate finché non si scrive import_notes = true.\n")
	}

	b.WriteString("\n[formats]\n")
	if in.Formats.Date != "" {
		fmt.Fprintf(&b, "date = %s\n", tomlString(in.Formats.Date))
	} else {
		b.WriteString("# date = \"dd/mm/yyyy\"  # non fissato: ogni valore viene riconosciuto da sé\n")
	}
	switch {
	case in.Formats.Duration != "":
		fmt.Fprintf(&b, "duration = %s\n", tomlString(in.Formats.Duration))
	case done["minutes"]:
		b.WriteString("# duration = \"h:mm\"  # non fissato: numeri interi in minuti, decimali in ore, h:mm\n")
	}

	for _, f := range in.labelFieldsInOrder() {
		lf := labelFields[f]
		var lines []string
		for _, l := range in.Labels[f] {
			c, kw, known := lf.propose(l)
			switch {
			case known:
			case c != "" && kw == "":
				lines = append(lines, fmt.Sprintf("%s = %s  # valore canonico", tomlString(l), tomlString(c)))
			case c != "":
				lines = append(lines, fmt.Sprintf("%s = %s  # proposto dalla parola «%s»", tomlString(l), tomlString(c), kw))
			default:
				lines = append(lines, fmt.Sprintf("# %s = \"\"  # da classificare: %s", tomlString(l), strings.Join(lf.canonical, ", ")))
			}
		}
		if len(lines) > 0 {
			fmt.Fprintf(&b, "\n[values.%s]\n%s\n", f, strings.Join(lines, "\n"))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// columnsOf lists the columns matched to field, in file order.
func (in *Inspection) columnsOf(field string) []string {
	var out []string
	for _, c := range in.Columns {
		if c.Field == field {
			out = append(out, c.Name)
		}
	}
	return out
}

func (in *Inspection) labelFieldsInOrder() []string {
	var out []string
	for _, f := range Fields[in.Kind] {
		if len(in.Labels[f]) > 0 {
			out = append(out, f)
		}
	}
	return out
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func delimiterName(d rune) string {
	switch d {
	case '\t':
		return "tabulazione"
	case ';':
		return "punto e virgola (;)"
	case ',':
		return "virgola (,)"
	case '|':
		return "barra verticale (|)"
	}
	return strconv.QuoteRune(d)
}

func quoteAll(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ", ")
}
