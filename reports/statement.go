package reports

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
)

// StatementOptions are the parts of a personal statement that the data do
// not hold: who it is addressed to, where and when it is signed, and the
// social worker's own remarks.
type StatementOptions struct {
	OperatorID string
	// Addressee is the responsabile, as the letter names them ("Dott.ssa
	// Anna Bianchi, Responsabile del Servizio sociale").
	Addressee string
	Place     string
	Date      time.Time // zero: today
	// Remarks are the social worker's own words, Markdown or plain text.
	Remarks string
	// History holds one year's metrics per calendar year in the data,
	// oldest first; each must include the operator.
	History []*model.Metrics
}

// statement is what the template prints.
type statement struct {
	// Sustained says the run of weeks over the critical threshold, when
	// it is a sustained overload ("" otherwise).
	Sustained                       string
	Name, Role, Contract, Service   string
	Addressee, Place, Date, Subject string
	Remarks                         template.HTML
	Period, At                      string
	OpenCases, Dormant              int
	Weighted, CaseHours, Capacity   string
	Reductions                      []string
	Protected                       []string
	Load, Status, StatusClass, Rule string
	Chart                           template.HTML
	Cells                           []stmtCell
	CellsTotal                      string
	AWT                             []string
	AWTTotal                        string
	History                         []stmtYear
	Sets                            []stmtSet
	Documented, Available, Coverage string
	CoverageNote                    string
	PeerN                           int
	PeerOpenPerFTE, OwnOpenPerFTE   string
	PeerLoad, OwnLoad               string
	WeightsLabel, WeightsNote       string
	Sources                         []stmtSource
	Method                          []string
	Generated                       string
	ThresholdAmber, ThresholdRed    string
}

type stmtSource struct {
	File, Kind, SHA256 string
	RowsRead, Rejected string
}

type stmtCell struct {
	Area, Complexity string
	Open             int
	Weight, Hours    string
}

type stmtYear struct {
	Year                                  int
	Open                                  int
	Weighted, Load, Status, StatusClass   string
	Documented, Available, Coverage, Note string
}

type stmtSet struct {
	Label, Weighted, Load, Status, StatusClass string
	InUse                                      bool
}

//go:embed statement.html
var statementTemplate string

var statementTmpl = template.Must(template.New("statement").Funcs(template.FuncMap{"before": italian.Before}).Parse(statementTemplate))

// Statement renders the personal statement of opt.OperatorID as a
// self-contained HTML document, ready to print or to turn into PDF.
func Statement(m *model.Metrics, opt StatementOptions) ([]byte, error) {
	b := &builder{m: m, opt: Options{Audience: Operatore, OperatorID: opt.OperatorID}}
	idx := slices.IndexFunc(m.Operators, func(o model.OperatorMetrics) bool { return o.ID == opt.OperatorID })
	if opt.OperatorID == "" || idx < 0 {
		return nil, fmt.Errorf("operatore %q non presente nei dati del periodo", opt.OperatorID)
	}
	o := &m.Operators[idx]
	b.op = o
	if opt.Date.IsZero() {
		opt.Date = time.Now()
	}
	cfg := m.Config
	if cfg == nil {
		cfg = model.DefaultConfig()
	}
	th := cfg.Thresholds
	s := statement{
		Name: o.Name, Role: o.Role.Label(), Contract: strings.ToLower(o.Contract.Label()), Service: ambitoLabel(m.Ambito.Name),
		Addressee: opt.Addressee, Place: opt.Place, Date: italian.LongDate(opt.Date),
		Subject: "Segnalazione del carico di lavoro: prospetto dei dati registrati nella cartella sociale informatizzata",
		Remarks: remarksHTML(opt.Remarks),
		Period:  fmt.Sprintf("dal %s al %s", italian.LongDate(m.Period.From.Time), italian.LongDate(m.Period.To.Time)),
		At:      italian.LongDate(m.Period.At.Time), OpenCases: o.OpenCases, Dormant: o.Dormant,
		Weighted: italian.Number(o.WeightedCaseload, 0), Load: pct(o.Load),
		ThresholdAmber: pct(&th.CaseloadAmber), ThresholdRed: pct(&th.CaseloadRed),
		Documented: italian.Number(o.DocumentedHours, 0), Available: italian.Number(o.AvailableHours, 0), Coverage: pct(o.Coverage),
		Generated: italian.LongDate(time.Now()),
	}
	for _, src := range m.Sources {
		s.Sources = append(s.Sources, stmtSource{File: src.File, Kind: importKindLabel(src.Kind), SHA256: src.SHA256,
			RowsRead: italian.Count(src.RowsRead), Rejected: italian.Count(src.Rejected)})
	}
	if c := check(o.Checks, "load"); c != nil {
		s.Status, s.StatusClass, s.Rule = conv(c.Status).Label(), string(c.Status), c.Rule
	}
	if so := o.SustainedOverload; so.Weeks > 0 {
		s.Sustained = fmt.Sprintf("Sovraccarico prolungato: il carico è oltre la soglia critica del %s in ogni fotografia settimanale da %s settimane consecutive, dal %s (la soglia di allarme è di %d settimane, come nel probation service di Inghilterra e Galles).",
			pct(&th.CaseloadRed), model.WeeksText(so.Weeks), italian.LongDate(so.Since.Time), th.SustainedWeeks)
	}
	var ow *model.OperatorWeighting
	if idx < len(m.Weights.Operators) && m.Weights.Operators[idx].ID == o.ID {
		ow = &m.Weights.Operators[idx]
	}
	if ow != nil && ow.CaseHours != nil {
		s.CaseHours, s.Capacity = italian.Number(*ow.CaseHours, 0), italian.Number(*ow.Capacity, 0)
		s.AWT, s.AWTTotal = awtLines(*ow.CapacityAWT, th.CaseTimeShare, o.Capacity)
		s.Reductions = reductionLines(o.Capacity)
		s.Protected = protectedLines(o.ProtectedTime)
		var total float64
		for _, c := range ow.Cells {
			w, h := cfg.Caseload.Weight(c.Area, c.Complexity), cfg.Caseload.Weigh(c.Area, c.Complexity, c.OpenCases)
			total += h
			s.Cells = append(s.Cells, stmtCell{Area: areaLabel(c.Area), Complexity: complexityLabel(c.Complexity), Open: c.OpenCases,
				Weight: italian.Number(w, 1), Hours: italian.Number(h, 1)})
		}
		s.CellsTotal = italian.Number(total, 0)
		s.Chart = loadChart(b.ownSeries(), *ow.CaseHours, th)
	}
	for _, set := range m.Weights.Sets {
		if set.InUse {
			s.WeightsLabel, s.WeightsNote = set.Label, set.Note
		}
		for _, l := range set.Operators {
			if l.ID == o.ID {
				s.Sets = append(s.Sets, stmtSet{Label: set.Label, Weighted: italian.Number(l.WeightedCaseload, 0), Load: pct(l.Load),
					Status: conv(l.Status).Label(), StatusClass: string(l.Status), InUse: set.InUse})
			}
		}
	}
	if s.WeightsLabel == "" {
		s.WeightsLabel = "pesi del file di configurazione"
	}
	s.History = history(opt.History, o.ID)
	med := b.peerMedians()
	s.PeerN, s.PeerOpenPerFTE, s.OwnOpenPerFTE, s.PeerLoad, s.OwnLoad = med.n, dec(med.openPerFTE, 1), dec(o.OpenCasesPerFTE, 1), pct(med.load), pct(o.Load)
	s.CoverageNote = fmt.Sprintf("Il carico ponderato dipende solo dalle cartelle aperte assegnate alla data di riferimento, %s: non dipende da quanto è completo il diario, e un diario incompleto non lo riduce. Le ore documentate nel diario (%s su %s disponibili nel periodo, copertura %s) descrivono come è stato impiegato il tempo; dove il diario è incompleto, sottostimano il lavoro svolto, non il carico.",
		o.Caseload.WeightedBy(), s.Documented, s.Available, s.Coverage)
	if n := m.Quality.EstimatedSentence(); n != "" {
		s.CoverageNote += " " + n
	}
	s.Method = statementMethod(cfg, s.WeightsLabel)
	var buf bytes.Buffer
	if err := statementTmpl.Execute(&buf, s); err != nil {
		return nil, fmt.Errorf("prospetto personale: %w", err)
	}
	return buf.Bytes(), nil
}

// WriteStatement writes Statement's HTML to path.
func WriteStatement(path string, m *model.Metrics, opt StatementOptions) error {
	html, err := Statement(m, opt)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, html, 0o644); err != nil {
		return fmt.Errorf("salva %s: %w", path, err)
	}
	return nil
}

// protectedLines says the worker's own protected time in words.
func protectedLines(p *model.ProtectedTime) []string {
	if p == nil {
		return nil
	}
	below := func(gap bool) string {
		if gap {
			return ": sotto l'obiettivo"
		}
		return ""
	}
	out := []string{
		fmt.Sprintf("Supervisione professionale registrata nel periodo: %s ore (obiettivo %s ore)%s.", italian.Number(p.SupervisionHours, 1), italian.Number(p.SupervisionTarget, 1), below(p.SupervisionGap)),
		fmt.Sprintf("Lavoro di comunità: %s del tempo documentato (obiettivo %s)%s.", pct(&p.CommunityShare), pct(&p.CommunityTarget), below(p.CommunityGap)),
	}
	if p.ReductionNotReflected && len(p.Notes) > 0 {
		out = append(out, p.Notes[len(p.Notes)-1]) // the reduction's note comes last
	}
	return out
}

// reductionLines says the reductions of the capacity register in words.
func reductionLines(cp *model.Capacity) []string {
	if cp == nil {
		return nil
	}
	var out []string
	for _, r := range cp.Reductions {
		out = append(out, r.Sentence())
	}
	return out
}

// awtLines is the available hours of the reference year, step by step,
// down to the hours for case work under the capacity factor of cp.
func awtLines(a model.AWT, share float64, cp *model.Capacity) ([]string, string) {
	src := "valori medi del contratto e dei parametri del servizio (ferie CCNL Funzioni Locali; malattia e altre assenze: medie di progetto)"
	if a.AbsenceSource == "dati" {
		src = "assenze registrate nell'anagrafica del personale"
	}
	lines := []string{
		fmt.Sprintf("Giorni di calendario dal %s al %s: %d", a.From.Format("02/01/2006"), a.To.Format("02/01/2006"), a.CalendarDays),
		fmt.Sprintf("− sabati e domeniche: %d; − festività infrasettimanali%s: %d → %d giorni lavorativi", a.WeekendDays, patronClause(a), a.Holidays, a.NetWorkdays),
		fmt.Sprintf("− ferie %s giorni (comprese le 4 giornate per le festività soppresse); − malattia %s; − altre assenze %s (permessi, congedi, formazione fuori sede) → %s giorni di presenza", italian.Number(a.LeaveDays, 1), italian.Number(a.SickDays, 1), italian.Number(a.OtherDays, 1), italian.Number(a.WorkingDays, 1)),
		fmt.Sprintf("× %s ore al giorno (orario settimanale ÷ 5) = %s ore disponibili nell'anno %d", italian.Number(a.HoursPerDay, 2), italian.Number(a.Hours, 1), a.Year),
		fmt.Sprintf("Fonte delle assenze: %s. La formazione svolta in servizio resta nelle ore disponibili ed è registrata nel diario come attività di formazione.", src),
	}
	factor, reduced := 1.0, ""
	if cp != nil && cp.Factor != 1 {
		factor = cp.Factor
		reduced = fmt.Sprintf(" × %s (capacità al netto delle riduzioni del registro, pesate sui giorni lavorativi dell'anno)", pct(&factor))
	}
	total := fmt.Sprintf("%s ore disponibili × %s (quota del tempo per il lavoro sui casi, al netto di lavoro di comunità, segretariato, amministrazione e formazione)%s = %s ore all'anno per il lavoro sui casi",
		italian.Number(a.Hours, 1), italian.Number(share*100, 0)+" %", reduced, italian.Number(model.CaseHours(a.Hours, share, factor), 0))
	return lines, total
}

// patronClause says what the holidays hold of the patron saint's day of
// the operator's comune: counted, not a working day, or not known — and
// then what its absence may cost.
func patronClause(a model.AWT) string {
	switch {
	case a.PatronDay == "":
		return fmt.Sprintf(" (senza il santo patrono: il giorno della festa patronale del comune non è indicato né nell'elenco dei comuni né nella configurazione; se cade in un giorno lavorativo, le ore disponibili qui sotto sono sovrastimate di %s)", italian.Number(a.HoursPerDay, 1)+" ore")
	case a.PatronCounted:
		return ", compreso il santo patrono (" + a.PatronDay + ")"
	default:
		return " (il santo patrono, " + a.PatronDay + ", non cade in un giorno lavorativo del periodo)"
	}
}

// history is the operator's figures in each year of the data.
func history(years []*model.Metrics, id string) []stmtYear {
	var out []stmtYear
	for _, y := range years {
		for _, o := range y.Operators {
			if o.ID != id {
				continue
			}
			h := stmtYear{Year: y.Period.To.Year(), Open: o.OpenCases, Weighted: italian.Number(o.WeightedCaseload, 0), Load: pct(o.Load),
				Documented: italian.Number(o.DocumentedHours, 0), Available: italian.Number(o.AvailableHours, 0), Coverage: pct(o.Coverage)}
			if c := check(o.Checks, "load"); c != nil {
				h.Status, h.StatusClass = conv(c.Status).Label(), string(c.Status)
			} else {
				h.Status = "non in servizio"
			}
			if y.Period.To.Time.Before(y.Period.At.Time) || y.Period.From.Month() != time.January || y.Period.To.Month() != time.December || y.Period.To.Day() != 31 {
				h.Note = "anno parziale"
			}
			out = append(out, h)
		}
	}
	return out
}

func statementMethod(cfg *model.Config, weights string) []string {
	th := cfg.Thresholds
	return []string{
		"Cartelle aperte: una cartella è aperta a una data se è stata aperta entro quella data e non è chiusa, o è chiusa quel giorno stesso; è dell'operatore che ne ha l'assegnazione in vigore a quella data (in caso di passaggio nello stesso giorno, quella iniziata più tardi).",
		fmt.Sprintf("Carico ponderato: somma, sulle cartelle aperte alla data di riferimento, del peso della cartella, cioè delle ore di lavoro all'anno che richiede secondo l'area di utenza e la complessità (complessità non indicata = media). Pesi usati: %s. Il metodo è quello del carico ponderato del National Center for State Courts (Stati Uniti): pesi misurati con uno studio dei tempi e rivisti da un gruppo di operatori.", strings.ToLower(weights)),
		fmt.Sprintf("Carico sul tempo per i casi: carico ponderato ÷ (ore disponibili nell'anno × %s %%). Oltre %s attenzione, oltre %s critico: soglie del Workload Measurement Tool del probation service di Inghilterra e Galles (carico oltre il 110 %% mantenuto per quattro settimane considerato eccessivo), adottate come scelta di progetto e configurabili.",
			italian.Number(th.CaseTimeShare*100, 0), italian.Before("il", pct(&th.CaseloadAmber)), italian.Before("il", pct(&th.CaseloadRed))),
		"Ore disponibili: metodo del tempo di lavoro disponibile dell'Organizzazione Mondiale della Sanità (WISN, 2010) sul calendario italiano: giorni lavorativi meno festività nazionali e patronali, ferie (CCNL Funzioni Locali 21/5/2018, art. 28: 28 giorni più 4 per le festività soppresse), malattia e altre assenze, per le ore giornaliere del contratto.",
		"Raccomandazioni ANCI Lombardia – CROAS Lombardia (2024–2025): l'assistente sociale porta «dati quantitativi per effettuare una segnalazione precisa e circostanziata» del carico eccessivo; il responsabile verifica che il carico sia sostenibile ed equamente distribuito.",
		"Legge 178/2020, art. 1 c. 797: livello essenziale di un assistente sociale ogni 5.000 residenti nell'Ambito, obiettivo uno ogni 4.000.",
	}
}

// remarksHTML renders the social worker's remarks: plain text or the
// common Markdown — paragraphs, headings (#), lists (- or 1.), **bold** and
// *italic*. Everything is escaped first: no HTML passes through.
func remarksHTML(src string) template.HTML {
	src = strings.ReplaceAll(strings.TrimSpace(src), "\r\n", "\n")
	if src == "" {
		return ""
	}
	var b strings.Builder
	for _, block := range strings.Split(src, "\n\n") {
		var para []string
		list := ""
		flush := func() {
			if len(para) > 0 {
				b.WriteString("<p>" + strings.Join(para, "<br>") + "</p>")
				para = nil
			}
		}
		closeList := func() {
			if list != "" {
				b.WriteString("</" + list + ">")
				list = ""
			}
		}
		for _, l := range strings.Split(block, "\n") {
			l = strings.TrimSpace(l)
			switch {
			case l == "":
			case strings.HasPrefix(l, "#"):
				flush()
				closeList()
				b.WriteString("<h3>" + inline(strings.TrimLeft(l, "# ")) + "</h3>")
			case isItem(l):
				flush()
				tag := "ul"
				if l[0] >= '0' && l[0] <= '9' {
					tag = "ol"
				}
				if list != tag {
					closeList()
					b.WriteString("<" + tag + ">")
					list = tag
				}
				b.WriteString("<li>" + inline(itemText(l)) + "</li>")
			default:
				closeList()
				para = append(para, inline(l))
			}
		}
		flush()
		closeList()
	}
	return template.HTML(b.String())
}

func isItem(l string) bool {
	if strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* ") {
		return true
	}
	i := 0
	for i < len(l) && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	return i > 0 && strings.HasPrefix(l[i:], ". ")
}

func itemText(l string) string {
	if strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* ") {
		return l[2:]
	}
	return l[strings.Index(l, ". ")+2:]
}

// inline escapes s and renders **bold** and *italic*.
func inline(s string) string {
	s = template.HTMLEscapeString(s)
	s = emphasis(s, "**", "strong")
	return emphasis(s, "*", "em")
}

func emphasis(s, mark, tag string) string {
	parts := strings.Split(s, mark)
	if len(parts) < 3 {
		return s
	}
	var b strings.Builder
	for i, p := range parts {
		switch {
		case i == 0:
		case i%2 == 1 && i < len(parts)-1:
			b.WriteString("<" + tag + ">")
		case i%2 == 0:
			b.WriteString("</" + tag + ">")
		default:
			b.WriteString(mark)
		}
		b.WriteString(p)
	}
	return b.String()
}

// loadChart draws the load at each month's end against the thresholds, as
// an inline SVG: it prints and converts to PDF without any script.
func loadChart(points []model.MonthPoint, caseHours float64, th model.ThresholdsConfig) template.HTML {
	if len(points) == 0 || caseHours <= 0 {
		return ""
	}
	const w, h, left, bottom, top = 640.0, 240.0, 44.0, 28.0, 12.0
	maxV := th.CaseloadRed * 1.25
	for _, p := range points {
		maxV = max(maxV, p.WeightedCaseload/caseHours*1.05)
	}
	y := func(v float64) float64 { return top + (h-top-bottom)*(1-v/maxV) }
	bw := (w - left - 8) / float64(len(points))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %.0f %.0f" width="100%%" role="img" aria-label="Carico sul tempo per i casi a fine mese, con le soglie %s e %s" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="10">`,
		w, h, italian.Before("del", pct(&th.CaseloadAmber)), italian.Before("del", pct(&th.CaseloadRed)))
	for v := 0.0; v <= maxV; v += 0.25 {
		fmt.Fprintf(&b, `<line x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f" stroke="#ddd"/><text x="%.0f" y="%.1f" text-anchor="end">%s</text>`, left, w-4, y(v), y(v), left-4, y(v)+3, italian.Number(v*100, 0)+" %")
	}
	for i, p := range points {
		v := p.WeightedCaseload / caseHours
		fill := "#2e7d32"
		switch model.LoadStatus(p.WeightedCaseload, caseHours, th) {
		case model.StatusCritical:
			fill = "#b71c1c"
		case model.StatusWarning:
			fill = "#e65100"
		}
		x := left + float64(i)*bw + 2
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s: %s</title></rect>`, x, y(v), bw-4, y(0)-y(v), fill, italian.MonthOf(p.Month), italian.Number(v*100, 0)+" %")
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" text-anchor="middle">%s</text>`, x+(bw-4)/2, h-bottom+14, monthAbbrev(p.Month))
	}
	for _, t := range []struct {
		v     float64
		label string
		dash  string
		dy    float64
	}{{th.CaseloadAmber, "soglia di attenzione " + pct(&th.CaseloadAmber), "6 3", 11}, {th.CaseloadRed, "soglia critica " + pct(&th.CaseloadRed), "2 2", -4}} {
		fmt.Fprintf(&b, `<line x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f" stroke="#000" stroke-width="1.5" stroke-dasharray="%s"/>`, left, w-4, y(t.v), y(t.v), t.dash)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" font-weight="bold" stroke="#fff" stroke-width="3" paint-order="stroke">%s</text>`, left+6, y(t.v)+t.dy, t.label)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func monthAbbrev(ym string) string {
	s := italian.ShortMonthOf(ym)
	if i := strings.IndexByte(s, ' '); i > 0 {
		return s[:i] + " " + s[len(s)-2:]
	}
	return s
}
