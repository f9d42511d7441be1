package weights

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
)

// Row is one cell of a weights file: the weight written and the comment
// that explains it.
type Row struct {
	Area       carico.Area
	Complexity int
	Weight     float64
	Comment    string
}

// WriteTOML writes a configuration file holding only [caseload.weights],
// in the format of model/defaults.toml, so that `--config` reads it: the
// header explains where the weights come from, each area's line is
// preceded by one comment per complexity.
func WriteTOML(w io.Writer, header []string, rows []Row) error {
	var b strings.Builder
	for _, h := range header {
		b.WriteString("# " + h + "\n")
	}
	b.WriteString("\n[caseload.weights]\n")
	for _, a := range carico.Areas {
		var ws [3]float64
		var comments []string
		found := false
		for _, r := range rows {
			if r.Area == a && r.Complexity >= 1 && r.Complexity <= 3 {
				ws[r.Complexity-1] = r.Weight
				comments = append(comments, "#   "+carico.ComplexityLabel(r.Complexity)+": "+r.Comment)
				found = true
			}
		}
		if !found {
			continue
		}
		fmt.Fprintf(&b, "# %s\n%s\n%s = [%s, %s, %s]\n", a.Label(), strings.Join(comments, "\n"), a,
			tomlNum(ws[0]), tomlNum(ws[1]), tomlNum(ws[2]))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// CalibrationRows is the calibration as rows of a weights file.
func (cal *Calibration) CalibrationRows() []Row {
	var rows []Row
	for _, c := range cal.Cells {
		comment := fmt.Sprintf("%s h (%s); standard %s h", italian.Number(round1(c.Weight), 1), c.Source, italian.Number(c.Standard, 1))
		if c.Observed != nil {
			comment += fmt.Sprintf("; osservate %s h su %d cartelle, %s cartelle-anno", italian.Number(*c.Observed, 1), c.Cartelle, italian.Number(c.CaseYears, 1))
		}
		if c.Low != nil {
			comment += fmt.Sprintf(", intervallo al 90 %% %s–%s h", italian.Number(*c.Low, 1), italian.Number(*c.High, 1))
		}
		if c.Source != SourceObserved {
			comment += ". " + c.Note
		}
		rows = append(rows, Row{Area: c.Area, Complexity: c.Complexity, Weight: round1(c.Weight), Comment: comment})
	}
	return rows
}

// Header is the comment at the top of the calibrated weights file.
func (cal *Calibration) Header() []string {
	return []string{
		"Pesi delle cartelle osservati nel diario del servizio (carico weights).",
		fmt.Sprintf("Periodo: dal %s al %s. Ore di lavoro sul caso per cartella-anno, per area di utenza e complessità", cal.From.Format("02/01/2006"), cal.To.Format("02/01/2006")),
		fmt.Sprintf("(1 bassa, 2 media, 3 alta), registrate dai profili che hanno cartelle (%s),", strings.Join(roleLabels(cal.Roles), ", ")),
		fmt.Sprintf("nei soli mesi in cui il diario dell'operatore copre almeno %s %% delle ore disponibili", italian.Before("il", italian.Number(cal.CoverageLow*100, 0))),
		fmt.Sprintf("(%d mesi-operatore su %d). Intervallo al 90 %%: bootstrap sulle cartelle (%d ricampionamenti, seme %d).", cal.MonthsUsed, cal.MonthsTotal, cal.Resamples, cal.Seed),
		fmt.Sprintf("Una cella con meno di %d cartelle prende il peso standard × il rapporto osservato/standard della sua area", cal.MinCartelle),
		"(o, se l'area non ha celle sufficienti, dell'intero servizio).",
		"Sono le ore REGISTRATE, non quelle necessarie a lavorare bene: rivederle con un gruppo di operatori",
		"(foglio «Pannello pesi», poi carico weights --panel) prima di usarle con carico metrics --config QUESTO_FILE.",
	}
}

func roleLabels(roles []string) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = strings.ToLower(carico.Role(r).Label())
	}
	return out
}

// tomlNum writes a TOML float: always with a decimal point.
func tomlNum(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}
