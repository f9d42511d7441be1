package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/carico/carico/allocate"
	"github.com/carico/carico/evidence"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/reports"
)

// A home page is a list of cards, one role's: each card is built by a
// small function (cardSource) from the digest of the role's report
// (reports.Summarize, through the one evidence), or from the lists the
// application's other pages show (the queue, the segnalazioni, the
// imports).

// card is one box of a home page. A card shows what it has: sentences,
// headline figures, tables (scrolling inside the card when wide), links
// to the report; Empty is said when it has nothing.
type card struct {
	ID, Title, Intro string
	Wide             bool // the page's whole width (a card with tables always is)
	Lines            []string
	Figures          []reports.Figure
	Tables           []reports.DigestSection
	Links            []link
	Empty            string
	Notes            []string
}

type link struct{ Href, Text string }

// homeData is what a home page's cards are built from: the role's digest,
// computed once for the page, and the user.
type homeData struct {
	User   *User
	Digest *reports.Digest
	// Report is the full report's address, with the digest's filters;
	// add "#section" for a section.
	Report string
}

// section is the digest's section of that ID, or nil.
func (h *homeData) section(id string) *reports.DigestSection {
	if h.Digest == nil {
		return nil
	}
	for i := range h.Digest.Sections {
		if h.Digest.Sections[i].ID == id {
			return &h.Digest.Sections[i]
		}
	}
	return nil
}

// cardSource builds the cards of one subject of a home page.
type cardSource func(ctx context.Context, s *Server, h *homeData) ([]card, error)

// homePage is a role's home page: the audience of its digest, the
// sections it needs, and its cards in order.
type homePage struct {
	audience reports.Audience
	sections []string
	cards    []cardSource
}

func homePages() map[Role]homePage {
	return map[Role]homePage{
		Operatore: {reports.Operatore, []string{"carico", "andamento", reports.Priorities},
			[]cardSource{myLoadCards, myCapacityCards, myPriorityCards, myNearingCards, myTrendCards, mySignalCards}},
		Responsabile: {reports.Responsabile, []string{"carico", "controlli"},
			[]cardSource{teamCards, queueCards, followUpCards, qualityCards, latestImportCards}},
		UfficioDiPiano: {reports.Politico, []string{"leps", "scenari", "previsioni"},
			[]cardSource{headlineCards, lepsCards, scenarioCards, forecastCards}},
		Politico: {reports.Politico, nil,
			[]cardSource{headlineCards}},
	}
}

// The cards of the allocation queue and of the segnalazioni: the same
// lists as their own pages (queue.go, segnalazioni.go), in short.

// homeListLen is how many items a card lists; the rest are on their page.
const homeListLen = 8

// shortList is lines cut at homeListLen, saying how many more there are.
func shortList(lines []string) []string {
	if len(lines) <= homeListLen {
		return lines
	}
	return append(lines[:homeListLen:homeListLen], fmt.Sprintf("… e altre %d voci.", len(lines)-homeListLen))
}

func mySignalCards(ctx context.Context, s *Server, h *homeData) ([]card, error) {
	c := card{ID: "segnalazioni", Title: "Le mie segnalazioni", Empty: "Nessuna segnalazione inviata.",
		Links: []link{{"/segnalazioni", "Le mie segnalazioni"}, {"/prospetto", "Segnala un carico eccessivo dal prospetto"}}}
	reg, err := evidence.Register(ctx, s.db, h.User.OperatorID)
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, e := range reg {
		r := rowOf(e, s.today())
		l := fmt.Sprintf("N. %d del %s (periodo %s): %s", e.ID, r.Filed, r.Period, strings.ToLower(r.Status))
		if r.FollowUp != "" {
			l += ", verifica il " + r.FollowUp
		}
		lines = append(lines, l+".")
	}
	c.Lines = shortList(lines)
	return []card{c}, nil
}

func queueCards(ctx context.Context, s *Server, h *homeData) ([]card, error) {
	c := card{ID: "coda", Title: "Coda di assegnazione", Empty: "Nessuna cartella o istanza da assegnare.",
		Links: []link{{"/coda", "Apri la coda"}}}
	items, _, err := s.QueueItems(ctx, filters{})
	if err != nil {
		return nil, err
	}
	if n := len(items); n > 0 {
		word := "voci"
		if n == 1 {
			word = "voce"
		}
		c.Lines = []string{fmt.Sprintf("%s %s da assegnare o da riassegnare alla data di riferimento.", italian.Count(n), word)}
	}
	return []card{c}, nil
}

func followUpCards(ctx context.Context, s *Server, h *homeData) ([]card, error) {
	c := card{ID: "scadenze", Title: "Segnalazioni e verifiche in scadenza", Empty: "Nulla in scadenza.",
		Links: []link{{"/coda", "Apri la coda"}, {"/segnalazioni", "Tutte le segnalazioni"}}}
	due, err := s.DueItems(ctx, filters{})
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, d := range due {
		lines = append(lines, italian.Date(d.Date.Time)+": "+d.What)
	}
	ending, err := s.ReductionsEnding(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range ending {
		lines = append(lines, r.To+": scade la riduzione di "+r.Name+" ("+r.Amount+" per "+r.Reason+")")
	}
	c.Lines = shortList(lines)
	c.Links = append(c.Links, link{"/riduzioni", "Riduzioni di capacità"})
	return []card{c}, nil
}

// homeView is what home.html receives.
type homeView struct {
	Subtitle string
	Report   string // the report inside the application's page
	Cards    []card
}

// home is the role's home page, the report one click away.
func (s *Server) home(w http.ResponseWriter, r *http.Request, u *User) {
	page := homePages()[u.Role]
	f := filters{}
	if u.Role == Operatore {
		f.Operator = u.OperatorID
	}
	h := &homeData{User: u, Report: "/cruscotto/rapporto"}
	if page.audience == reports.Operatore {
		h.Report = "/prospetto/rapporto?" + f.query()
	}
	d, err := s.digest(r.Context(), page.audience, f, page.sections)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	h.Digest = d
	v := homeView{Subtitle: d.Subtitle, Report: "/cruscotto"}
	if page.audience == reports.Operatore {
		v.Report = "/prospetto"
	}
	for _, src := range page.cards {
		cs, err := src(r.Context(), s, h)
		if err != nil {
			s.fail(w, r, u, err)
			return
		}
		v.Cards = append(v.Cards, cs...)
	}
	s.logAccess(r, u, "vista", "pagina iniziale "+string(page.audience))
	s.render(w, r, http.StatusOK, "home.html", view{Title: "La mia pagina", User: u, Active: "home", Data: v})
}

// digest is the digest of aud's report for f, from the cache while the
// data and the scenarios do not change.
func (s *Server) digest(ctx context.Context, aud reports.Audience, f filters, ids []string) (*reports.Digest, error) {
	key := string(aud) + "?" + f.query() + "#" + strings.Join(ids, ",")
	return memo(&s.cache, func(c *cache) *lru[*reports.Digest] { return &c.digests }, key, reportCacheSize,
		func() (*reports.Digest, error) {
			ev, err := s.compute(ctx, f)
			if err != nil {
				return nil, err
			}
			return ev.Summarize(reports.Options{Audience: aud, OperatorID: f.Operator, Generated: s.opt.Now()}, ids...)
		})
}

// sectionCard is a card showing one section of the digest, with a link
// to it in the report.
func sectionCard(h *homeData, id, title, empty string) card {
	c := card{ID: id, Title: title, Empty: empty}
	if sec := h.section(id); sec != nil && len(sec.Rows) > 0 {
		c.Intro = sec.Intro
		c.Tables = []reports.DigestSection{*sec}
		c.Links = []link{{h.Report + "#" + id, "Apri «" + sec.Title + "» nel rapporto"}}
	}
	return c
}

// Operatore.

func myLoadCards(_ context.Context, _ *Server, h *homeData) ([]card, error) {
	c := card{ID: "carico", Title: "Il mio carico", Figures: h.Digest.Figures,
		Links: []link{{h.Report, "Apri il mio prospetto nel rapporto"}}}
	return []card{c}, nil
}

func myTrendCards(_ context.Context, _ *Server, h *homeData) ([]card, error) {
	return []card{sectionCard(h, "andamento", "Andamento del mio carico", "Nessun mese nel periodo.")}, nil
}

func myCapacityCards(_ context.Context, _ *Server, h *homeData) ([]card, error) {
	d := h.Digest
	c := card{ID: "riduzioni", Title: "Riduzioni e tempo protetto"}
	if d.Capacity != "" {
		c.Lines = append(c.Lines, "Capacità per le cartelle: "+d.Capacity+".")
	}
	c.Lines = append(c.Lines, d.Protected...)
	if len(c.Lines) == 0 {
		c.Empty = "Nessuna riduzione registrata e nessun obiettivo di tempo protetto per il suo profilo."
	}
	return []card{c}, nil
}

func myPriorityCards(_ context.Context, _ *Server, h *homeData) ([]card, error) {
	c := sectionCard(h, reports.Priorities, "Le mie priorità", "Nessuna cartella o attività da completare o chiudere secondo i controlli sulla cartella.")
	c.Links = nil // the statement does not list them: the responsabile's report does
	return []card{c}, nil
}

// myNearingCards lists the operatore's istanze nearing their term
// (allocate.NearingItems, the queue's rule), which the audit's
// priorities, past the term, do not show yet.
func myNearingCards(ctx context.Context, s *Server, h *homeData) ([]card, error) {
	cfg := allocate.DefaultQueueConfig()
	c := card{ID: "in-scadenza", Title: "Istanze vicine al termine",
		Empty: "Nessuna istanza delle sue cartelle in attesa di decisione è vicina al termine.",
		Notes: []string{fmt.Sprintf("Vicine al termine: al massimo %d giorni alla scadenza alla data di riferimento (un'impostazione predefinita di carico, non un termine di legge); quelle già oltre il termine sono tra le priorità.", cfg.NearingDays)}}
	items, _, err := s.QueueItems(ctx, filters{})
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, d := range allocate.NearingItems(items, h.User.OperatorID, cfg) {
		lines = append(lines, d.What+".")
	}
	c.Lines = shortList(lines)
	return []card{c}, nil
}

// Responsabile.

func teamCards(_ context.Context, _ *Server, h *homeData) ([]card, error) {
	c := sectionCard(h, "carico", "Il gruppo di lavoro", "Nessun operatore in servizio alla data di riferimento.")
	c.Figures, c.Intro = h.Digest.Figures, ""
	for i := range c.Tables {
		c.Tables[i] = withoutLong(c.Tables[i]) // each rule is in the report, a click away
	}
	c.Notes = append(c.Notes, "Lo stato riguarda la data di riferimento; il sovraccarico che dura è nella coda, tra le cose in scadenza.")
	return []card{c}, nil
}

func qualityCards(_ context.Context, _ *Server, h *homeData) ([]card, error) {
	return []card{sectionCard(h, "controlli", "Qualità dei dati da correggere", "Nessun controllo sulla cartella nel periodo.")}, nil
}

func latestImportCards(ctx context.Context, s *Server, h *homeData) ([]card, error) {
	c := card{ID: "importazione", Title: "Ultima importazione", Links: []link{{"/importazioni", "Tutte le importazioni"}, {"/importa", "Importa un file"}}}
	bs, err := s.batches(ctx, 0)
	if err != nil {
		return nil, err
	}
	if len(bs) == 0 {
		c.Empty = "Nessuna importazione."
		return []card{c}, nil
	}
	b := bs[0]
	c.Lines = []string{
		fmt.Sprintf("N. %d del %s: %s (%s).", b.ID, local(b.Started).Format("02/01/2006 15:04"), b.File, b.Kind),
		fmt.Sprintf("Righe lette %s: inserite %s, aggiornate %s, invariate %s, scartate %s.",
			italian.Count(b.Read), italian.Count(b.Inserted), italian.Count(b.Updated), italian.Count(b.Unchanged), italian.Count(b.Rejected)),
	}
	c.Links = append([]link{{fmt.Sprintf("/importazioni/%d", b.ID), "Dettaglio e righe scartate"}}, c.Links...)
	return []card{c}, nil
}

// Ufficio di Piano and politico: the council's version, protected as a
// whole before any figure is taken from it.

func headlineCards(_ context.Context, _ *Server, h *homeData) ([]card, error) {
	d := h.Digest
	c := card{ID: "in-breve", Title: d.LeadTitle, Wide: true, Lines: d.Letter, Figures: d.Figures,
		Links: []link{{"/cruscotto", "Apri il rapporto completo"}},
		Notes: []string{"Cifre della versione per la Giunta e il Consiglio, protetta nel suo insieme: nessun dato individuale si può ricostruire. Le date sono fisse, un anno solare intero e il suo ultimo giorno, e non si scelgono."}}
	return []card{c}, nil
}

func lepsCards(_ context.Context, _ *Server, h *homeData) ([]card, error) {
	return []card{sectionCard(h, "leps", "LEPS per comune", "Nessun comune con residenti nei dati.")}, nil
}

func scenarioCards(_ context.Context, _ *Server, h *homeData) ([]card, error) {
	c := sectionCard(h, "scenari", "Scenari di personale", "Nessuno scenario calcolato.")
	c.Links = append(c.Links, link{"/scenari", "Gestisci gli scenari"})
	return []card{c}, nil
}

func forecastCards(_ context.Context, _ *Server, h *homeData) ([]card, error) {
	c := sectionCard(h, "previsioni", "Previsioni", "Serie storica troppo breve per una previsione.")
	for i := range c.Tables {
		c.Tables[i] = fromForecast(c.Tables[i], 3)
	}
	return []card{c}, nil
}

// withoutLong is t without its long text columns.
func withoutLong(t reports.DigestSection) reports.DigestSection {
	var keep []int
	for j, c := range t.Columns {
		if !c.Long {
			keep = append(keep, j)
		}
	}
	out := t
	out.Columns, out.Rows = nil, nil
	for _, j := range keep {
		out.Columns = append(out.Columns, t.Columns[j])
	}
	for _, row := range t.Rows {
		r := make([]reports.Cell, 0, len(keep))
		for _, j := range keep {
			r = append(r, row[j])
		}
		out.Rows = append(out.Rows, r)
	}
	return out
}

// fromForecast keeps, of the forecasts' table (the observed months, then
// the forecast ones), the last observed months before the forecast: the
// forecast is what a planner opens the card for.
func fromForecast(t reports.DigestSection, observed int) reports.DigestSection {
	for i, row := range t.Rows {
		if len(row) > 2 && row[2].Text != "" {
			t.Rows = t.Rows[max(0, i-observed):]
			break
		}
	}
	return t
}
