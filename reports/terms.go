package reports

// The technical terms the reports use, each explained once in plain
// Italian: in a note under the Sintesi, where a reader first meets them,
// and in the sheet «Metodo e fonti». docs/method.md holds the same words.

import (
	"fmt"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
)

// term is a technical term and its explanation.
type term struct {
	Name, Meaning string
}

var (
	termWeighted = term{"Carico ponderato",
		"le cartelle aperte pesate con le ore di lavoro all'anno che ciascuna richiede secondo l'area di utenza e la complessità: 10 cartelle complesse pesano più di 10 semplici."}
	termLEPS = term{"LEPS",
		"livello essenziale delle prestazioni sociali: per legge (L. 178/2020, art. 1 c. 797) almeno un assistente sociale a tempo indeterminato ogni 5.000 residenti dell'Ambito, con l'obiettivo di uno ogni 4.000."}
	termWISN = term{"WISN",
		"Workload Indicators of Staffing Need, il metodo dell'Organizzazione Mondiale della Sanità che calcola il personale necessario dal lavoro di un anno e dal tempo che richiede ciascuna attività (qui: le cartelle-anno per le ore che ciascuna richiede secondo i pesi delle cartelle, il segretariato e le attività di supporto registrati nel diario); il rapporto WISN è personale effettivo ÷ necessario (sotto 1 manca personale)."}
	termCAS = term{"CAS, CAF, IAF",
		"nel metodo WISN: CAS (Category Allowance Standard) è la quota di tempo che tutti gli operatori di un profilo dedicano ad attività di supporto (lavoro di comunità, amministrazione); CAF è il fattore che aggiunge quel tempo al personale necessario; IAF aggiunge le ore delle attività svolte solo da alcuni operatori."}
	termHoltWinters = term{"Holt-Winters",
		"metodo di previsione che segue, mese per mese, il livello della serie, la sua tendenza e la stagionalità (per esempio il calo di agosto), dando più peso ai mesi recenti; con «trend smorzato» la tendenza si attenua negli anni futuri invece di proseguire all'infinito."}
	termMASE = term{"MASE",
		"Mean Absolute Scaled Error: l'errore medio delle previsioni fatte in passato diviso per l'errore della previsione più semplice, «come lo stesso mese dell'anno prima». Sotto 1 il metodo scelto fa meglio di quella."}
	termInterval = term{"Intervallo di previsione all'80 %",
		"l'intervallo in cui il valore futuro dovrebbe cadere quattro volte su cinque; al 95 %, diciannove volte su venti."}
	termDominance = term{"«n.d.»",
		"nella versione per la Giunta e il Consiglio, dato non diffuso: un conteggio da 1 a 2, un dato sul lavoro di " + fewRule + ", o un dato da cui questi si ricaverebbero per differenza. Il segno è lo stesso per tutti: un «n.d.» può valere 0, poco o molto."}
)

// fteTerm explains the FTE with the full-time week of the configuration
// the figures were computed with (awt.full_time_hours).
func fteTerm(cfg *model.Config) term {
	full := cfg.AWT.FullTimeHours
	source := "il tempo pieno del contratto Funzioni Locali"
	if full != carico.FullTimeHours {
		source = "il tempo pieno indicato nella configurazione"
	}
	return term{"FTE (tempo pieno equivalente)",
		fmt.Sprintf("misura il personale in contratti a tempo pieno: ore settimanali del contratto ÷ %s (%s); i valori sono scritti con %d decimali. Una persona a %s ore vale 0,50 FTE.",
			italian.Number(full, 0), source, model.FTEDecimals, italian.Number(full/2, 0))}
}

// terms lists the terms the document uses, in the order a reader meets them.
func (b *builder) terms() []term {
	ts := []term{fteTerm(b.cfg()), termWeighted}
	if b.op != nil {
		return ts
	}
	ts = append(ts, termLEPS, termWISN, termCAS)
	if p := b.opt.Plan; p != nil && len(p.Forecasts) > 0 {
		ts = append(ts, termHoltWinters, termMASE, termInterval)
	}
	if b.politico() {
		ts = append(ts, termDominance)
	}
	return ts
}

// termsNote is the note under the Sintesi that explains the terms.
func (b *builder) termsNote() string {
	s := "Termini tecnici usati nel rapporto. "
	for i, t := range b.terms() {
		if i > 0 {
			s += " "
		}
		s += t.Name + ": " + t.Meaning
	}
	return s
}

// termsBlock is the glossary of the sheet «Metodo e fonti».
func (b *builder) termsBlock() block {
	blk := block{Title: "Termini tecnici", Table: table{Columns: []column{{Name: "Termine", Kind: kindText}, {Name: "Significato", Kind: kindText, Width: 100}}}}
	for _, t := range b.terms() {
		blk.Table.Rows = append(blk.Table.Rows, []value{text(t.Name), text(t.Meaning)})
	}
	return blk
}
