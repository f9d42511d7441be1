package sampledata

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/carico/carico"
)

// opSpec describes one synthetic operator. The roster is fixed (the seed
// drives leave, cases and the diario, not who works where) so that the LEPS
// position of the sample stays where it was designed: permanent
// social-worker FTE between 1:6500 and 1:5000 residents, a partial
// contribution, one small comune (Torre de' Roveri) with no social worker.
type opSpec struct {
	id        string
	surname   string
	name      string
	role      carico.Role
	label     string // Qualifica as the roster writes it
	hours     float64
	permanent bool
	start     string
	end       string // "" while in service
	alloc     []share
	// history lists the contract periods, oldest first, when the contract
	// changed: each runs from its from to the day before the next one's,
	// the last (hours and permanent as above) to end. Empty: one period.
	history []pastPeriod
	// employer is the kind of body employing the operator ("" = comune);
	// outside says she does not work in the social services' planning,
	// organisation or delivery.
	employer carico.Employer
	outside  bool

	// Work pattern.
	caseload  float64 // target open cases per FTE (social workers only)
	community float64 // share of documented time in community work
	access    float64 // share in segretariato / front office
	coverage  float64 // documented time ÷ contract time on a working day
	// successors take over the cases when the operator leaves, by comune.
	successors map[string][]string
	// extra is a comune without allocation whose cases the operator follows
	// anyway (Torre de' Roveri), with the weight of that stream.
	extra      string
	extraShare float64
	// plant marks an operator added for the allocation board's plants
	// (board.go): her cartelle and diario are drawn there, from their own
	// stream, not by buildCases and buildDiary, and no cartella moves to
	// her; leaveFrom is the first day of a long leave lasting past the
	// diario's end.
	plant     bool
	leaveFrom string
}

// pastPeriod is a contract period of an operator's history.
type pastPeriod struct {
	from      string
	hours     float64
	permanent bool
}

type share struct {
	istat string
	share float64
}

const (
	istatAlbano   = "016003"
	istatBagnat   = "016018"
	istatBrusap   = "016042"
	istatCavern   = "016066"
	istatCosta    = "016084"
	istatGrasso   = "016117"
	istatMontel   = "016139"
	istatPedren   = "016160"
	istatScanzo   = "016194"
	istatSeriate  = "016198"
	istatTorreRov = "016216"
)

var roster = []opSpec{
	// Assistenti sociali.
	{id: "M001", surname: "Locatelli", name: "Chiara", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 36, permanent: true, start: "2009-03-02",
		alloc: []share{{istatSeriate, 1}}, caseload: 95, community: 0.03, access: 0.12, coverage: 0.90},
	{id: "M002", surname: "Bonomi", name: "Paola", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 36, permanent: true, start: "2012-09-03",
		alloc: []share{{istatSeriate, 1}}, caseload: 62, community: 0.10, access: 0.10, coverage: 0.80},
	{id: "M003", surname: "Rota", name: "Francesca", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 36, permanent: true, start: "2015-02-02",
		alloc: []share{{istatSeriate, 1}}, caseload: 58, community: 0.18, access: 0.08, coverage: 0.86},
	{id: "M004", surname: "De Angelis", name: "Marta", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 30, permanent: true, start: "2017-10-02",
		history: []pastPeriod{{"2017-10-02", 24, true}, {"2025-10-01", 30, true}},
		alloc:   []share{{istatSeriate, 1}}, caseload: 55, community: 0.06, access: 0.10, coverage: 0.72},
	{id: "M005", surname: "Pesenti", name: "Giulia", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 36, start: "2024-05-02", end: "2026-04-30",
		alloc: []share{{istatSeriate, 1}}, caseload: 50, community: 0.04, access: 0.12, coverage: 0.90},
	{id: "M006", surname: "Gamba", name: "Roberto", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 36, permanent: true, start: "2006-01-16", end: "2024-06-30",
		alloc: []share{{istatSeriate, 1}}, caseload: 65, community: 0.08, access: 0.10, coverage: 0.85,
		successors: map[string][]string{istatSeriate: {"M005", "M005", "M005", "M002"}}},
	{id: "M007", surname: "Cortinovis", name: "Elena", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 36, permanent: true, start: "2011-05-02",
		alloc: []share{{istatScanzo, 1}}, caseload: 72, community: 0.12, access: 0.10, coverage: 0.68},
	{id: "M008", surname: "Dell'Oro", name: "Nicolò", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 36, permanent: true, start: "2019-03-01",
		employer: carico.EmployerAssociation,
		alloc:    []share{{istatScanzo, 0.6}, {istatGrasso, 0.2}, {istatCavern, 0.2}}, caseload: 48, community: 0.30, access: 0.08, coverage: 0.92,
		extra: istatTorreRov, extraShare: 0.15},
	{id: "M009", surname: "Ravasio", name: "Silvia", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 36, permanent: true, start: "2008-11-03",
		alloc: []share{{istatAlbano, 1}}, caseload: 76, community: 0.05, access: 0.12, coverage: 0.93},
	{id: "M010", surname: "Testa", name: "Laura", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 36, permanent: true, start: "2016-04-01",
		alloc: []share{{istatAlbano, 0.5}, {istatMontel, 0.5}}, caseload: 60, community: 0.15, access: 0.12, coverage: 0.88},
	{id: "M011", surname: "Belotti", name: "Sara", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 36, permanent: true, start: "2013-01-14",
		alloc: []share{{istatGrasso, 1}}, caseload: 45, community: 0.22, access: 0.10, coverage: 0.90},
	{id: "M012", surname: "Previtali", name: "Anna", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 36, permanent: true, start: "2010-06-01",
		alloc: []share{{istatPedren, 1}}, caseload: 92, community: 0.02, access: 0.14, coverage: 0.55},
	{id: "M013", surname: "Zanchi", name: "Valentina", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 30, permanent: true, start: "2018-09-03",
		employer: carico.EmployerHealthReimbursed,
		alloc:    []share{{istatBrusap, 0.6}, {istatBagnat, 0.4}}, caseload: 56, community: 0.10, access: 0.12, coverage: 0.62},
	{id: "M014", surname: "Carminati", name: "Federica", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 36, permanent: true, start: "2014-02-03",
		alloc: []share{{istatBagnat, 0.5}, {istatCosta, 0.5}}, caseload: 44, community: 0.25, access: 0.15, coverage: 0.91},
	{id: "M015", surname: "Brembilla", name: "Cristina", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 18, permanent: true, start: "2020-01-07",
		employer: carico.EmployerHealth,
		alloc:    []share{{istatCavern, 1}}, caseload: 58, community: 0.08, access: 0.20, coverage: 0.95},
	{id: "M016", surname: "Ghisleni", name: "Martina", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 30, start: "2023-09-01", end: "2025-08-31",
		alloc: []share{{istatSeriate, 0.5}, {istatBrusap, 0.5}}, caseload: 40, community: 0.05, access: 0.12, coverage: 0.88,
		successors: map[string][]string{istatSeriate: {"M003"}, istatBrusap: {"M017"}}},
	{id: "M017", surname: "Mazzoleni", name: "Alessia", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 36, permanent: true, start: "2021-03-01",
		history: []pastPeriod{{"2021-03-01", 36, false}, {"2025-03-01", 36, true}}, employer: carico.EmployerAssociation,
		alloc: []share{{istatBrusap, 0.4}, {istatCosta, 0.3}, {istatMontel, 0.3}}, caseload: 52, community: 0.12, access: 0.12, coverage: 0.89},
	// Educatori professionali.
	{id: "M018", surname: "Sala", name: "Davide", role: carico.RoleEducator, label: "Educatore Professionale", hours: 36, permanent: true, start: "2012-03-01",
		alloc: []share{{istatSeriate, 1}}, community: 0.25, coverage: 0.85},
	{id: "M019", surname: "Agazzi", name: "Irene", role: carico.RoleEducator, label: "Educatore Professionale", hours: 36, permanent: true, start: "2017-09-04",
		alloc: []share{{istatSeriate, 0.5}, {istatPedren, 0.5}}, community: 0.20, coverage: 0.86},
	{id: "M020", surname: "Nicoli", name: "Elisa", role: carico.RoleEducator, label: "Educatore Professionale", hours: 30, permanent: true, start: "2019-09-02",
		alloc: []share{{istatScanzo, 0.5}, {istatAlbano, 0.5}}, community: 0.28, coverage: 0.84},
	{id: "M021", surname: "Suardi", name: "Matteo", role: carico.RoleEducator, label: "Educatore Professionale", hours: 36, start: "2024-01-08", end: "2026-01-07",
		alloc: []share{{istatGrasso, 0.4}, {istatBrusap, 0.3}, {istatBagnat, 0.3}}, community: 0.15, coverage: 0.88},
	{id: "M022", surname: "Milesi", name: "Greta", role: carico.RoleEducator, label: "Educatore Professionale", hours: 24, permanent: true, start: "2015-01-12",
		alloc: []share{{istatSeriate, 1}}, community: 0.10, coverage: 0.87},
	// ASA / OSS.
	{id: "M023", surname: "Vavassori", name: "Rosa", role: carico.RoleCareWorker, label: "OSS", hours: 36, permanent: true, start: "2005-04-01",
		alloc: []share{{istatSeriate, 1}}, community: 0.02, coverage: 0.90},
	{id: "M024", surname: "Gotti", name: "Giovanna", role: carico.RoleCareWorker, label: "ASA", hours: 22.5, permanent: true, start: "2011-10-03",
		alloc: []share{{istatScanzo, 1}}, community: 0.02, coverage: 0.90},
	{id: "M025", surname: "Crotti", name: "Angela", role: carico.RoleCareWorker, label: "OSS", hours: 36, permanent: true, start: "2009-06-01",
		alloc: []share{{istatAlbano, 0.5}, {istatMontel, 0.5}}, community: 0.03, coverage: 0.88},
	{id: "M026", surname: "Signori", name: "Luisa", role: carico.RoleCareWorker, label: "ASA", hours: 30, permanent: true, start: "2016-02-01",
		alloc: []share{{istatGrasso, 0.6}, {istatCavern, 0.4}}, community: 0.02, coverage: 0.89},
	// Amministrativi.
	{id: "M027", surname: "Bolis", name: "Daniela", role: carico.RoleClerk, label: "Istruttore amministrativo", hours: 36, permanent: true, start: "2003-05-05",
		alloc: []share{{istatSeriate, 1}}, access: 0.35, coverage: 0.80},
	{id: "M028", surname: "Facchinetti", name: "Marco", role: carico.RoleClerk, label: "Istruttore amministrativo", hours: 36, permanent: true, start: "2010-02-01",
		alloc: []share{{istatSeriate, 0.5}, {istatScanzo, 0.5}}, access: 0.40, coverage: 0.78},
	{id: "M029", surname: "Zambelli", name: "Luca", role: carico.RoleClerk, label: "Istruttore amministrativo", hours: 18, permanent: true, start: "2018-05-02",
		alloc: []share{{istatPedren, 1}}, access: 0.45, coverage: 0.80},
	// The allocation board's absent holder (board.go): a part-time
	// fixed-term social worker on maternity leave since October 2025.
	{id: plantAbsent, surname: "Cattaneo", name: "Ilaria", role: carico.RoleSocialWorker, label: "Assistente Sociale", hours: 18, start: "2023-11-06", end: "2026-11-05",
		alloc: []share{{istatAlbano, 1}}, community: 0.05, access: 0.10, coverage: 0.60, plant: true, leaveFrom: "2025-10-13"},
}

// operator is an opSpec with its dates resolved and its leave drawn.
type operator struct {
	*opSpec
	start, end day // end: last day in service; far future while in service
	primary    int // comune index of the largest allocation (its patron day is off)
	absent     []byte
}

const (
	present byte = iota
	onLeave
	onSick
	onOther
)

func mustDay(s string) day {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return dayOf(t)
}

func (o *operator) inService(d day) bool { return d >= o.start && d <= o.end }

func (o *operator) fte() float64 { return o.hours / carico.FullTimeHours }

// buildStaff resolves the roster into records and draws each operator's
// leave on the calendar: annual leave of 28 to 32 working days (two weeks
// or more in summer, the Christmas week, single days), sick days with a
// lognormal yearly total in short spells, a few other absences.
func (g *generator) buildStaff() {
	for i := range roster {
		s := &roster[i]
		o := &operator{opSpec: s, start: mustDay(s.start), end: g.cal.last + 3650}
		if s.end != "" {
			o.end = mustDay(s.end)
		}
		best := 0.0
		for _, al := range s.alloc {
			if al.share > best {
				best, o.primary = al.share, comuneIndex(al.istat)
			}
		}
		o.absent = make([]byte, int(g.to-g.from)+1)
		if s.leaveFrom != "" {
			for d := max(mustDay(s.leaveFrom), g.from); d <= g.to; d++ {
				o.absent[d-g.from] = onOther
			}
		}
		g.ops = append(g.ops, o)

		rec := carico.Operator{ID: s.id, Name: s.surname + " " + s.name, Role: s.role, WeeklyHours: s.hours,
			Contract: carico.ContractFixedTerm, Start: o.start.time()}
		if s.permanent {
			rec.Contract = carico.ContractPermanent
		}
		if s.end != "" {
			rec.End = o.end.time()
		}
		g.a.Operators = append(g.a.Operators, rec)
		g.a.Periods = append(g.a.Periods, s.periods(o)...)
		for _, al := range s.alloc {
			g.a.Allocations = append(g.a.Allocations, carico.Allocation{OperatorID: s.id, ISTAT: al.istat, Share: al.share})
		}
		for y := firstYear; y <= lastYear; y++ {
			if abs, ok := g.drawLeave(o, y); ok {
				g.a.Absences = append(g.a.Absences, abs)
			}
		}
	}
}

// periods are the operator's contract periods, one per comune of her
// allocation, as the roster lists them.
func (s *opSpec) periods(o *operator) []carico.ContractPeriod {
	hist := s.history
	if len(hist) == 0 {
		hist = []pastPeriod{{s.start, s.hours, s.permanent}}
	}
	employer := s.employer
	if employer == "" {
		employer = carico.EmployerComune
	}
	social := !s.outside
	var out []carico.ContractPeriod
	for i, h := range hist {
		p := carico.ContractPeriod{Start: mustDay(h.from).time(), WeeklyHours: h.hours, Contract: carico.ContractFixedTerm,
			Employer: employer, SocialServices: &social}
		if h.permanent {
			p.Contract = carico.ContractPermanent
		}
		if i+1 < len(hist) {
			p.End = (mustDay(hist[i+1].from) - 1).time()
		} else if s.end != "" {
			p.End = o.end.time()
		}
		for _, al := range s.alloc {
			p.OperatorID, p.ISTAT, p.Share = s.id, al.istat, al.share
			out = append(out, p)
		}
	}
	return out
}

// workdays lists o's working days of year y while in service.
func (g *generator) workdays(o *operator, y int) []day {
	var ds []day
	for d := max(dateOf(y, 1, 1), o.start, g.from); d <= min(dateOf(y, 12, 31), o.end, g.to); d++ {
		if g.cal.working(d, o.primary) {
			ds = append(ds, d)
		}
	}
	return ds
}

func (g *generator) drawLeave(o *operator, y int) (carico.Absence, bool) {
	r := g.rLeave
	wd := g.workdays(o, y)
	if len(wd) == 0 {
		return carico.Absence{}, false
	}
	frac := float64(len(wd)) / 250
	leave := int(math.Round(float64(28+r.IntN(5)) * min(frac, 1)))
	sick := int(math.Round(min(lognormal(r, 6, 0.9), 45) * min(frac, 1)))
	other := int(math.Round(float64(2+r.IntN(7)) * min(frac, 1)))

	mark := func(d day, kind byte) bool {
		if o.absent[d-g.from] != present {
			return false
		}
		o.absent[d-g.from] = kind
		return true
	}
	idx := func(d day) int { // first working day on or after d
		for i, w := range wd {
			if w >= d {
				return i
			}
		}
		return len(wd)
	}
	left := leave
	// Summer: mostly the weeks around Ferragosto, some in July.
	summer := min(left, 10+r.IntN(6))
	start := dateOf(y, time.August, 1) + day(r.IntN(12))
	if r.Float64() < 0.2 {
		start = dateOf(y, time.July, 1) + day(r.IntN(20))
	}
	for i := idx(start); i < len(wd) && summer > 0; i++ {
		if mark(wd[i], onLeave) {
			summer--
			left--
		}
	}
	// Most take a few days between Christmas and New Year; someone stays on duty.
	if r.Float64() < 0.7 {
		xmas := 2 + r.IntN(3)
		for i := idx(dateOf(y, time.December, 23+r.IntN(5))); i < len(wd) && left > 0 && xmas > 0; i++ {
			if mark(wd[i], onLeave) {
				left--
				xmas--
			}
		}
	}
	// Single days and bridges through the year.
	for tries := 0; left > 0 && tries < 1000; tries++ {
		if mark(wd[r.IntN(len(wd))], onLeave) {
			left--
		}
	}
	// Sick spells of one to five days.
	sickLeft := sick
	for tries := 0; sickLeft > 0 && tries < 1000; tries++ {
		i := r.IntN(len(wd))
		for n := 1 + r.IntN(5); n > 0 && sickLeft > 0 && i < len(wd); n, i = n-1, i+1 {
			if mark(wd[i], onSick) {
				sickLeft--
			}
		}
	}
	otherLeft := other
	for tries := 0; otherLeft > 0 && tries < 1000; tries++ {
		if mark(wd[r.IntN(len(wd))], onOther) {
			otherLeft--
		}
	}
	// Record what was actually placed.
	var n [4]int
	for _, d := range wd {
		n[o.absent[d-g.from]]++
	}
	return carico.Absence{OperatorID: o.id, Year: y, LeaveDays: float64(n[onLeave]), SickDays: float64(n[onSick]), OtherDays: float64(n[onOther])}, true
}

// lognormal draws from a lognormal distribution with the given median.
func lognormal(r *rand.Rand, median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}
