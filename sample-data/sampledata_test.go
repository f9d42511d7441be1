package sampledata

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"go/parser"
	"go/token"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/carico/carico"
	"github.com/rickar/cal/v2/it"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// sample is generated once for the tests that only read it.
var sample = generate(DefaultSeed)

func hashes(t *testing.T, seed int64) (map[string]string, []Export) {
	t.Helper()
	dir := t.TempDir()
	exps, err := Generate(seed).WriteExports(dir)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	h := map[string]string{}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		s := sha256.Sum256(b)
		h[e.Name()] = hex.EncodeToString(s[:])
	}
	return h, exps
}

func TestDeterministicExports(t *testing.T) {
	h1, exps := hashes(t, DefaultSeed)
	h2, _ := hashes(t, DefaultSeed)
	if len(h1) != 15 {
		t.Errorf("wrote %d files, want 15 (8 exports, 7 profiles): %v", len(h1), h1)
	}
	names := make([]string, 0, len(h1))
	for n := range h1 {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if h1[n] != h2[n] {
			t.Errorf("%s differs between two runs with the same seed", n)
		}
		t.Logf("%s  %s", h1[n], n)
	}
	h3, _ := hashes(t, DefaultSeed+1)
	for _, n := range []string{fileDiary1, fileDiary2, fileCases, fileAbsences} {
		if h1[n] == h3[n] {
			t.Errorf("%s is the same with another seed", n)
		}
	}
	var kinds []string
	for _, e := range exps {
		kinds = append(kinds, e.Kind)
		if e.Kind != "zones" && e.Profile == "" {
			t.Errorf("%s: no profile", e.Path)
		}
	}
	want := []string{"population", "staff", "absences", "cases", "assignments", "activities", "activities", "zones", "capacity"}
	if !slices.Equal(kinds, want) {
		t.Errorf("import order %v, want %v", kinds, want)
	}
}

func TestStaffPlausible(t *testing.T) {
	a := sample.a
	byRole := map[carico.Role]int{}
	var fixed, left int
	for _, o := range a.Operators {
		byRole[o.Role]++
		if o.Role == carico.RoleSocialWorker && o.Contract == carico.ContractFixedTerm {
			fixed++
			if o.End.IsZero() {
				t.Errorf("%s: fixed-term contract with no end date", o.ID)
			}
		}
		if !o.End.IsZero() && o.End.Year() == 2024 && o.Contract == carico.ContractPermanent {
			left++
		}
	}
	if n := len(a.Operators); n < 25 || n > 30 {
		t.Errorf("%d operators, want about 25", n)
	}
	if byRole[carico.RoleSocialWorker] < 13 || byRole[carico.RoleEducator] != 5 || byRole[carico.RoleCareWorker] != 4 || byRole[carico.RoleClerk] != 3 {
		t.Errorf("operators by role: %v", byRole)
	}
	if fixed < 2 || fixed > 3 || left != 1 {
		t.Errorf("social workers: %d fixed-term, %d permanent who left in 2024", fixed, left)
	}
	sum := map[string]float64{}
	comuni := map[string]int{}
	swComuni := map[string]bool{}
	for _, al := range a.Allocations {
		sum[al.OperatorID] += al.Share
		comuni[al.OperatorID]++
		if a.operatorByID(al.OperatorID).Role == carico.RoleSocialWorker {
			swComuni[al.ISTAT] = true
		}
	}
	shared := 0
	for id, s := range sum {
		if math.Abs(s-1) > 1e-9 {
			t.Errorf("%s: shares sum to %v", id, s)
		}
		if comuni[id] > 1 {
			shared++
		}
	}
	if shared < 5 {
		t.Errorf("%d operators shared between comuni", shared)
	}
	if swComuni[istatTorreRov] || len(swComuni) != len(a.Comuni)-1 {
		t.Errorf("comuni with a social worker: %d of %d; Torre de' Roveri must have none", len(swComuni), len(a.Comuni))
	}

	// LEPS: permanent social-worker FTE between 1:6500 and 1:5000.
	res := 0
	for _, r := range a.Residents {
		if r.Year == 2025 {
			res += r.Residents
		}
	}
	fte := 0.0
	for _, o := range a.Operators {
		if o.Role == carico.RoleSocialWorker && o.Contract == carico.ContractPermanent && (o.End.IsZero() || !o.End.Before(a.RefDate)) {
			fte += (o.WeeklyHours / carico.FullTimeHours)
		}
	}
	if ratio := float64(res) / fte; ratio < 5000 || ratio > 6500 {
		t.Errorf("residents per permanent social-worker FTE = %.0f, want 5000..6500", ratio)
	}
}

func TestResidents(t *testing.T) {
	a := sample.a
	got := map[string]int{}
	for _, r := range a.Residents {
		if r.Year == 2023 {
			got[r.ISTAT] = r.Residents
		}
	}
	// 2011 census bases; the drift is a few per cent.
	for istat, census := range map[string]int{"016198": 24336, "016216": 2310, "016003": 8029} {
		if d := math.Abs(float64(got[istat])/float64(census) - 1); d > 0.08 {
			t.Errorf("%s: %d residents in 2023, census %d", istat, got[istat], census)
		}
	}
	if len(a.Residents) != 11*4 {
		t.Errorf("%d residents records, want 44", len(a.Residents))
	}
}

func TestLeaveAndCalendar(t *testing.T) {
	g := sample
	a := g.a
	national := map[time.Time]bool{}
	for y := firstYear; y <= lastYear; y++ {
		for _, h := range it.Holidays {
			act, _ := h.Calc(y)
			national[time.Date(act.Year(), act.Month(), act.Day(), 0, 0, 0, 0, time.UTC)] = true
		}
	}
	patron := map[string][2]int{}
	for _, c := range a.Comuni {
		patron[c.ISTAT] = [2]int{int(c.PatronMonth), c.PatronDay}
	}
	ops := map[string]*operator{}
	for _, o := range g.ops {
		ops[o.id] = o
	}
	days := map[string]map[day]bool{}
	for _, ac := range a.Activities {
		d := time.Date(ac.Date.Year(), ac.Date.Month(), ac.Date.Day(), 0, 0, 0, 0, time.UTC)
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday || national[d] {
			t.Fatalf("activity %s on %s, a weekend or national holiday", ac.ID, d.Format(time.DateOnly))
		}
		if p := patron[ac.ISTAT]; int(d.Month()) == p[0] && d.Day() == p[1] {
			t.Fatalf("activity %s on the patron-saint day of %s", ac.ID, ac.ISTAT)
		}
		o := ops[ac.OperatorID]
		if k := o.absent[dayOf(d)-g.from]; k != present {
			t.Fatalf("activity %s of %s on %s, while absent (%d)", ac.ID, o.id, d.Format(time.DateOnly), k)
		}
		if !o.inService(dayOf(d)) {
			t.Fatalf("activity %s of %s outside service", ac.ID, o.id)
		}
		if days[o.id] == nil {
			days[o.id] = map[day]bool{}
		}
		days[o.id][dayOf(d)] = true
	}
	for _, ab := range a.Absences {
		full := ops[ab.OperatorID].start < dateOf(ab.Year, 1, 1) && ops[ab.OperatorID].end > dateOf(ab.Year, 12, 31)
		if full && (ab.LeaveDays < 28 || ab.LeaveDays > 32) {
			t.Errorf("%s %d: %v days of annual leave", ab.OperatorID, ab.Year, ab.LeaveDays)
		}
		other := 8.0
		if ab.OperatorID == a.Board.Absent && ab.Year == lastYear {
			// The planted maternity leave: every working day from
			// LeaveFrom to the end of the year, beyond the usual few.
			if ab.OtherDays < 50 {
				t.Errorf("%s %d: %v other days, want the planted leave", ab.OperatorID, ab.Year, ab.OtherDays)
			}
			other = 70
		}
		if ab.SickDays > 45 || ab.OtherDays > other {
			t.Errorf("%s %d: %v sick, %v other days", ab.OperatorID, ab.Year, ab.SickDays, ab.OtherDays)
		}
	}
}

func TestActivitiesPlausible(t *testing.T) {
	a := sample.a
	perYear := map[int]int{}
	byMonth := [13]int{}
	community := map[string][2]int{}
	ids := map[string]bool{}
	for _, ac := range a.Activities {
		perYear[ac.Date.Year()]++
		byMonth[ac.Date.Month()]++
		if ids[ac.ID] {
			t.Fatalf("duplicate activity id %s", ac.ID)
		}
		ids[ac.ID] = true
		if (ac.Kind == carico.KindCase) != (ac.CaseID != "") {
			t.Fatalf("activity %s: kind %s with case id %q", ac.ID, ac.Kind, ac.CaseID)
		}
		if ac.Minutes < 5 || ac.Minutes > 480 || ac.Minutes%5 != 0 && !isRevised(a, ac.ID) {
			t.Fatalf("activity %s: %d minutes", ac.ID, ac.Minutes)
		}
		c := community[ac.OperatorID]
		c[1] += ac.Minutes
		if ac.Kind == carico.KindCommunity {
			c[0] += ac.Minutes
		}
		community[ac.OperatorID] = c
	}
	// About 40 thousand entries a year: diari cover 55–95 % of the hours,
	// and less in some months (README, «Perché il carico del campione è
	// credibile»).
	for y := firstYear; y <= lastYear; y++ {
		if n := perYear[y]; n < 35000 || n > 55000 {
			t.Errorf("%d activities in %d, want 35–55 thousand", n, y)
		}
	}
	if aug, jun := byMonth[8], byMonth[6]; float64(aug) > 0.75*float64(jun) {
		t.Errorf("no August dip in the diario: %d in August, %d in June", aug, jun)
	}
	lo, hi := 1.0, 0.0
	for _, o := range a.Operators {
		if o.Role != carico.RoleSocialWorker && o.Role != carico.RoleEducator {
			continue
		}
		c := community[o.ID]
		s := float64(c[0]) / float64(c[1])
		lo, hi = min(lo, s), max(hi, s)
	}
	if lo > 0.03 || hi < 0.25 {
		t.Errorf("community share across operators spans %.1f%%–%.1f%%, want about 2%%–30%%", 100*lo, 100*hi)
	}
}

func isRevised(a *Ambito, id string) bool {
	return slices.ContainsFunc(a.Revised, func(r Revision) bool { return r.ActivityID == id })
}

func TestCasesPlausible(t *testing.T) {
	a := sample.a
	ref := a.RefDate
	cases := map[string]carico.Case{}
	open := map[string]int{}
	byArea := map[carico.Area]int{}
	arrivals := [13]int{}
	var decided, late, pending, reopened, dormant int
	openByPersonArea := map[string]int{}
	lastClose := map[string]time.Time{}
	for _, c := range a.Cases {
		cases[c.ID] = c
		if c.Closed.IsZero() {
			open[c.OperatorID]++
			openByPersonArea[c.Person+string(c.Area)]++
		} else if !c.CloseReason.Valid() {
			t.Errorf("case %s closed without a reason", c.ID)
		}
		if !c.Opened.Before(a.From) {
			byArea[c.Area]++
			arrivals[c.Opened.Month()]++
		}
		if c.Complexity < 1 || c.Complexity > 3 || !c.Initiative.Valid() {
			t.Errorf("case %s: complexity %d, initiative %q", c.ID, c.Complexity, c.Initiative)
		}
		if !c.Decision.IsZero() {
			if !c.Application.IsZero() {
				decided++
				if c.Decision.Sub(c.Application).Hours()/24 > 30 {
					late++
				}
			}
		} else if !c.Application.IsZero() {
			pending++
		}
		// Assignments are contiguous and end with the current operator.
		for i, as := range c.Assignments {
			if i == 0 && !as.From.Equal(c.Opened) || i > 0 && !as.From.Equal(c.Assignments[i-1].To.AddDate(0, 0, 1)) {
				t.Fatalf("case %s: assignment %d starts %v", c.ID, i, as.From)
			}
		}
		if c.OperatorID == "" {
			if len(c.Assignments) > 0 || !slices.Contains(a.Board.NeverAssigned, c.ID) {
				t.Fatalf("case %s: no holder, %d assignments, not a planted never-assigned cartella", c.ID, len(c.Assignments))
			}
		} else if c.Assignments[len(c.Assignments)-1].OperatorID != c.OperatorID {
			t.Fatalf("case %s: current operator is not the last assigned", c.ID)
		}
		if validCF(c.Person) == false {
			t.Fatalf("case %s: invalid codice fiscale %s", c.ID, c.Person)
		}
	}
	// Re-openings: the same person with a new case within a year of a closure.
	for _, c := range a.Cases { // in order of opening
		if lc, ok := lastClose[c.Person]; ok && c.Opened.After(lc) && c.Opened.Sub(lc).Hours()/24 <= 365 {
			reopened++
		}
		if !c.Closed.IsZero() {
			lastClose[c.Person] = c.Closed
		}
	}
	last := map[string]time.Time{}
	for _, ac := range a.Activities {
		if ac.CaseID == "" {
			continue
		}
		c := cases[ac.CaseID]
		d := time.Date(ac.Date.Year(), ac.Date.Month(), ac.Date.Day(), 0, 0, 0, 0, time.UTC)
		if d.Before(c.Opened) || !c.Closed.IsZero() && d.After(c.Closed) {
			t.Fatalf("activity %s on case %s outside %v..%v", ac.ID, c.ID, c.Opened, c.Closed)
		}
		last[ac.CaseID] = d
	}
	for _, c := range a.Cases {
		if c.Closed.IsZero() && ref.Sub(c.Opened).Hours()/24 > 365 && ref.Sub(last[c.ID]).Hours()/24 > 365 {
			dormant++
		}
	}
	twice := 0
	for _, n := range openByPersonArea {
		if n > 1 {
			twice++
		}
	}

	// Open caseload per full-time social worker: mostly 40–75, three
	// overloaded above 85 (README, «Perché il carico del campione è credibile»).
	var perFTE []float64
	for _, o := range a.Operators {
		// The planted absent holder's twelve cartelle on half a post are
		// the board's design, not the drawn caseload's.
		if o.Role == carico.RoleSocialWorker && (o.End.IsZero() || o.End.After(ref)) && o.ID != a.Board.Absent {
			perFTE = append(perFTE, float64(open[o.ID])/(o.WeeklyHours/carico.FullTimeHours))
		}
	}
	sort.Float64s(perFTE)
	over := 0
	for _, x := range perFTE {
		if x > 85 {
			over++
		}
	}
	if med := perFTE[len(perFTE)/2]; med < 45 || med > 75 || over != 3 || perFTE[0] < 35 {
		t.Errorf("open cases per FTE: %v", perFTE)
	}
	ranked := slices.Clone(carico.Areas)
	slices.SortFunc(ranked, func(x, y carico.Area) int { return byArea[y] - byArea[x] })
	if top := ranked[:2]; !slices.Contains(top, carico.AreaElderly) || !slices.Contains(top, carico.AreaFamily) {
		t.Errorf("largest areas %v (%v), want anziani and famiglia e minori", top, byArea)
	}
	mean := 0.0
	for m := 1; m <= 12; m++ {
		mean += float64(arrivals[m]) / 12
	}
	if float64(arrivals[8]) > 0.7*mean {
		t.Errorf("no August dip in arrivals: %v", arrivals[1:])
	}
	if share := float64(late) / float64(decided); share < 0.05 || share > 0.3 {
		t.Errorf("%d of %d decisions beyond 30 days", late, decided)
	}
	gone := 0
	for _, c := range a.Cases {
		if c.OperatorID == "" { // a planted cartella never assigned
			continue
		}
		if o := a.operatorByID(c.OperatorID); c.Closed.IsZero() && !o.End.IsZero() && o.End.Before(ref) {
			gone++
		}
	}
	if gone != 3 {
		t.Errorf("%d open cases assigned to an operator no longer in service, want 3", gone)
	}
	if pending < 5 || reopened < 10 || dormant < 10 || twice < 3 {
		t.Errorf("pending %d, re-opened within a year %d, dormant %d, people with two open cartelle in one area %d",
			pending, reopened, dormant, twice)
	}
	t.Logf("cases %d; open per FTE %v; late %d/%d; pending %d; re-opened %d; dormant %d; duplicates %d",
		len(a.Cases), perFTE, late, decided, pending, reopened, dormant, twice)
}

func TestCitizens(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range sample.a.Citizens {
		if !validCF(p.CF) || seen[p.CF] {
			t.Fatalf("codice fiscale %s invalid or repeated", p.CF)
		}
		seen[p.CF] = true
		if p.CF != codiceFiscale(p.Surname, p.Name, p.Sex, p.BirthDate, p.BirthPlace) {
			t.Fatalf("%s does not match %s %s", p.CF, p.Surname, p.Name)
		}
	}
}

// TestExportsAsWritten reads the files back as an importer would and
// checks the shapes, the broken rows and the overlap of the diario exports.
func TestExportsAsWritten(t *testing.T) {
	dir := t.TempDir()
	a := Generate(DefaultSeed)
	exps, err := a.WriteExports(dir)
	if err != nil {
		t.Fatal(err)
	}
	readDiary := func(name string) ([]string, map[string]string) {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(raw, []byte("Ã")) || !bytes.Contains(raw, []byte("\r\n")) {
			t.Fatalf("%s: not Windows-1252 with CRLF", name)
		}
		b, _ := charmap.Windows1252.NewDecoder().Bytes(raw)
		lines := strings.Split(string(b), "\r\n")
		mins := map[string]string{}
		for _, l := range lines[1:] {
			f := strings.Split(l, ";")
			if len(f) >= 7 {
				mins[f[0]] = f[6]
			}
		}
		return lines, mins
	}
	// A CSV reader sees 9 fields in every record, quoted notes included.
	raw, _ := os.ReadFile(filepath.Join(dir, fileDiary1))
	dec, _ := charmap.Windows1252.NewDecoder().Bytes(raw)
	cr := csv.NewReader(bytes.NewReader(dec))
	cr.Comma = ';'
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", fileDiary1, err)
	}
	inFile1 := 0
	for _, ac := range a.Activities {
		if ac.Date.Before(time.Date(lastYear, 7, 1, 0, 0, 0, 0, time.UTC)) {
			inFile1++
		}
	}
	if want := 1 + inFile1 + 4 + 1 + 1; len(recs) != want { // header, rows, 4 broken, blank, totals
		t.Errorf("%s: %d records, want %d", fileDiary1, len(recs), want)
	}
	l1, m1 := readDiary(fileDiary1)
	l2, m2 := readDiary(fileDiary2)
	if l1[0] != "ID intervento;Data;Ora;Operatore;N. cartella;Tipo intervento;Durata;Comune;Note" {
		t.Errorf("diario header %q", l1[0])
	}
	if !strings.Contains(string(strings.Join(l1, "\n")), "Équipe multiprofessionale") {
		t.Errorf("diario lacks the accented labels")
	}
	for _, r := range a.Revised {
		if m1[r.ActivityID] != hmm(r.OldMinutes) || m2[r.ActivityID] != hmm(r.NewMinutes) {
			t.Errorf("revision %s: %s then %s, want %s then %s", r.ActivityID, m1[r.ActivityID], m2[r.ActivityID], hmm(r.OldMinutes), hmm(r.NewMinutes))
		}
	}
	overlap := 0
	for id := range m2 {
		if _, ok := m1[id]; ok {
			overlap++
		}
	}
	if overlap < 15000 {
		t.Errorf("%d rows in both diario exports", overlap)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, fileCases))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	problems := map[string]int{}
	for _, b := range a.Bad {
		problems[b.File]++
		switch b.File {
		case fileDiary1, fileDiary2:
			lines := l1
			if b.File == fileDiary2 {
				lines = l2
			}
			got := lines[b.Line-1]
			if b.Value != "" && !strings.Contains(got, b.Value) || b.Value == "" && b.Column == "" && got != ";;;;;;;;" {
				t.Errorf("%s line %d: %q, want %s (%q)", b.File, b.Line, got, b.Problem, b.Value)
			}
		case fileCases:
			v, _ := f.GetCellValue(b.Sheet, "A"+strconv.Itoa(b.Line))
			cf, _ := f.GetCellValue(b.Sheet, "D"+strconv.Itoa(b.Line))
			if b.Column == "Codice fiscale" && (cf != b.Value || validCF(cf)) || b.Skipped && v != b.Value {
				t.Errorf("cartelle row %d: %q %q, want %s", b.Line, v, cf, b.Problem)
			}
		}
	}
	if problems[fileDiary1] != 6 || problems[fileDiary2] != 1 || problems[fileCases] != 3 {
		t.Errorf("broken rows by file: %v", problems)
	}

	// The workbook: titles above the header, date-typed cells, totals row.
	rows, err := f.GetRows("Cartelle")
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "Ambito di Seriate — Servizio sociale" || len(rows[2]) != 0 || rows[3][0] != "ID cartella" {
		t.Errorf("cartelle top rows: %q", rows[:4])
	}
	if want := "Totale cartelle: " + strconv.Itoa(len(a.Cases)+2); rows[len(rows)-1][0] != want {
		t.Errorf("last row %q, want %q", rows[len(rows)-1], want)
	}
	if typ, _ := f.GetCellType("Cartelle", "M5"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("Data apertura is a text cell")
	}
	if v, _ := f.GetCellValue("Cartelle", "M5"); v != itDate(a.Cases[0].Opened) {
		t.Errorf("M5 shows %q, want %q", v, itDate(a.Cases[0].Opened))
	}
	asg, _ := f.GetRows("Assegnazioni")
	n := 0
	for _, c := range a.Cases {
		n += len(c.Assignments)
	}
	if asg[2][0] != "ID cartella" || len(asg)-3 != n {
		t.Errorf("Assegnazioni: header %q, %d rows, want %d", asg[2], len(asg)-3, n)
	}

	// Every bundled profile names columns that exist and maps every label used.
	headers := map[string][]string{
		"cases":       rows[3],
		"assignments": asg[2],
		"activities":  strings.Split(l1[0], ";"),
	}
	for _, e := range exps {
		if e.Profile == "" {
			continue
		}
		var p struct {
			Kind      string                       `toml:"kind"`
			HeaderRow int                          `toml:"header_row"`
			Columns   map[string]any               `toml:"columns"`
			Values    map[string]map[string]string `toml:"values"`
		}
		if _, err := toml.DecodeFile(e.Profile, &p); err != nil {
			t.Fatalf("%s: %v", e.Profile, err)
		}
		if p.Kind != e.Kind {
			t.Errorf("%s: kind %q, want %q", e.Profile, p.Kind, e.Kind)
		}
		hdr := headers[e.Kind]
		if hdr == nil {
			b, _ := os.ReadFile(e.Path)
			first, _, _ := strings.Cut(strings.TrimPrefix(string(b), "\ufeff"), "\n")
			hdr = strings.Split(strings.TrimRight(first, "\r"), ";")
		}
		for field, col := range p.Columns {
			cols, ok := col.([]any)
			if !ok {
				cols = []any{col}
			}
			for _, c := range cols {
				if !slices.Contains(hdr, c.(string)) {
					t.Errorf("%s: %s = %q is not a column of the export %v", filepath.Base(e.Profile), field, c, hdr)
				}
			}
		}
		switch e.Kind {
		case "activities":
			for _, l := range allLabels {
				if p.Values["kind"][l.text] != string(l.kind) {
					t.Errorf("diario profile maps %q to %q, want %q", l.text, p.Values["kind"][l.text], l.kind)
				}
			}
			if _, ok := p.Values["kind"]["Attività varie (da classificare)"]; ok {
				t.Errorf("the unknown label of the broken row is mapped")
			}
			for _, c := range comuni {
				if p.Values["comune"][c.diario] != c.istat {
					t.Errorf("diario profile: comune %q", c.diario)
				}
			}
		case "cases":
			for _, c := range a.Cases {
				checks := map[string][2]string{
					"area":         {areaLabelOf(c), string(c.Area)},
					"close_reason": {closeLabelOf(c), string(c.CloseReason)},
					"initiative":   {vendorLabel(initVendor, c.Initiative, c.ID), string(c.Initiative)},
					"complexity":   {complexityVendor[c.Complexity], strconv.Itoa(c.Complexity)},
				}
				for field, lv := range checks {
					if lv[0] != "" && p.Values[field][lv[0]] != lv[1] {
						t.Fatalf("cartelle profile: %s %q maps to %q, want %q", field, lv[0], p.Values[field][lv[0]], lv[1])
					}
				}
			}
		case "staff":
			for _, s := range roster {
				if p.Values["role"][s.label] != string(s.role) {
					t.Errorf("personale profile: role %q", s.label)
				}
			}
		}
	}
}

// The package produces files and ground truth; it must not depend on the
// layers that consume them.
func TestImportsNoOtherLayer(t *testing.T) {
	pkgs, err := parser.ParseDir(token.NewFileSet(), ".", func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		for name, f := range p.Files {
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				// internal/xlsxfile only saves a workbook, 0644 rather than excelize's 0755.
				if strings.HasPrefix(path, "github.com/carico/carico/") && path != "github.com/carico/carico/internal/xlsxfile" {
					t.Errorf("%s imports %s", name, path)
				}
			}
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Generate(DefaultSeed)
	}
}

func BenchmarkWriteExports(b *testing.B) {
	a := Generate(DefaultSeed)
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := a.WriteExports(dir); err != nil {
			b.Fatal(err)
		}
	}
}
