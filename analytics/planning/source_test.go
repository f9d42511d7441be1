package planning

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/storetest"
	"github.com/carico/carico/model"
	"github.com/carico/carico/store"
)

// storeFixture: two comuni, three operators (one ended before the reference
// date, one shared 50/50), five cartelle, two of them in quartieri.
func storeFixture(t *testing.T) *store.DB {
	t.Helper()
	return storetest.Open(t,
		`INSERT INTO comune (istat, name) VALUES ('000001', 'Alfa'), ('000002', 'Beta')`,
		`INSERT INTO residents VALUES ('000001', 2024, 1000), ('000001', 2025, 1100), ('000001', 2026, 9999), ('000002', 2023, 500)`,
		`INSERT INTO operator VALUES
			('o1', 'Uno', 'assistente_sociale', 36, 'indeterminato', '2020-01-01', NULL),
			('o2', 'Due', 'assistente_sociale', 18, 'determinato', '2024-01-01', NULL),
			('o3', 'Tre', 'educatore', 36, 'indeterminato', '2020-01-01', '2025-06-30')`,
		`INSERT INTO allocation VALUES ('o1', '000001', 1.0), ('o2', '000001', 0.5), ('o2', '000002', 0.5), ('o3', '000002', 1.0)`,
		`INSERT INTO cases (id, person, istat, zone, area, complexity, opened, closed) VALUES
			('c1', 'p1', '000001', 'Centro', 'anziani', 1, '2025-01-10', NULL),
			('c2', 'p2', '000001', 'Paderno', 'famiglia_minori', 3, '2025-01-20', '2025-02-28'),
			('c3', 'p3', '000002', NULL, 'famiglia_minori', 2, '2025-02-05', NULL),
			('c4', 'p4', '000002', NULL, NULL, NULL, '2025-03-01', NULL),
			('c5', 'p5', '000001', 'Centro', 'anziani', 2, '2025-03-31', NULL)`,
	)
}

func TestMonthlySeriesFromStore(t *testing.T) {
	db := storeFixture(t)
	ctx := context.Background()
	jan, mar := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	series, err := MonthlySeries(ctx, db.DB, NewCases, jan, mar)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]float64{}
	for _, s := range series {
		got[s.Name] = s.Values
	}
	want := map[string][]float64{"ambito": {2, 1, 2}, "anziani": {1, 0, 1}, "famiglia_minori": {1, 1, 0}}
	for name, w := range want {
		if !equalFloats(got[name], w) {
			t.Errorf("new cases %s = %v, want %v", name, got[name], w)
		}
	}
	if series[0].Name != "ambito" || len(series) != 3 {
		t.Errorf("series %v", series)
	}
	// Open at the end of the last day: January c1 c2; February c1 c3 (c2,
	// closed on the 28th, is closed that evening); March c1 c3 c4 c5.
	series, err = MonthlySeries(ctx, db.DB, OpenCases, jan, mar)
	if err != nil {
		t.Fatal(err)
	}
	if !equalFloats(series[0].Values, []float64{2, 2, 4}) {
		t.Errorf("open cases = %v, want 2 2 4", series[0].Values)
	}
	from, to, err := DataWindow(ctx, db.DB)
	if err != nil || !from.Equal(time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)) || !to.Equal(time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("window %v %v %v", from, to, err)
	}
	// Data from 10 January: January is incomplete; March ends on the 31st.
	first, last := CompleteMonths(from, to)
	if !first.Equal(jan.AddDate(0, 1, 0)) || !last.Equal(mar) {
		t.Errorf("complete months %v–%v", first, last)
	}
}

func TestBaselineAndUnitsFromStore(t *testing.T) {
	db := storeFixture(t)
	ctx := context.Background()
	at := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	cfg := model.DefaultConfig()
	m, base := modelBaseline(t, db, at, cfg)
	// Residents at 1/1/2025 for Alfa; Beta has only 2023.
	if base.Comuni[0].Residents != 1100 || base.Comuni[1].Residents != 500 {
		t.Errorf("residents %v", base.Comuni)
	}
	// o3 left in June: two operators, three shares.
	if len(base.Staff) != 3 {
		t.Fatalf("staff %v", base.Staff)
	}
	var alfa float64
	for _, s := range base.Staff {
		if s.ISTAT == "000001" {
			alfa += s.FTE
		}
	}
	if alfa != 1.25 {
		t.Errorf("Alfa FTE %v, want 1 + 0.25", alfa)
	}
	if base.HoursPerFTE != m.Staffing.WeightedCaseload.HoursPerFTE || base.HoursPerFTE < 1400 || base.HoursPerFTE > 1700 {
		t.Errorf("hours per FTE %v, the model's %v", base.HoursPerFTE, m.Staffing.WeightedCaseload.HoursPerFTE)
	}
	// Open on 31/12: c1, c3, c4, c5.
	var open float64
	for _, g := range base.Cases {
		open += g.Open
	}
	if open != 4 {
		t.Errorf("open cases %v", base.Cases)
	}

	units, areas, err := ZoneUnits(ctx, db.DB, base, at, "", cfg.Caseload)
	if err != nil {
		t.Fatal(err)
	}
	w := cfg.Caseload
	alfaHours := w.Weight(carico.AreaElderly, 1) + w.Weight(carico.AreaElderly, 2)
	betaHours := w.Weight(carico.AreaFamily, 2) + w.Weight("", 0)
	if len(units) != 2 || units[0].Workload != alfaHours || units[1].Workload != betaHours {
		t.Errorf("units %v, want %v and %v hours", units, alfaHours, betaHours)
	}
	// Thematic teams: anziani (Alfa), minori e famiglia and, for the case
	// without area, adults (Beta).
	if len(areas) != 3 || areas[0].ID != "Minori e famiglia" || areas[2].ID != "Adulti a rischio di emarginazione" || areas[2].WorkloadHours != w.Weight("", 0) {
		t.Errorf("areas %v", areas)
	}
	quartieri, _, err := ZoneUnits(ctx, db.DB, base, at, "000001", cfg.Caseload)
	// Paderno's only cartella closed in February: a unit with no workload.
	if err != nil || len(quartieri) != 2 || quartieri[0].ID != "Centro" || quartieri[0].Workload != alfaHours || quartieri[1].Workload != 0 {
		t.Errorf("quartieri %v %v", quartieri, err)
	}
}

// modelBaseline computes the model at date at and the baseline from it.
func modelBaseline(t *testing.T, db *store.DB, at time.Time, cfg *model.Config) (*model.Metrics, Baseline) {
	t.Helper()
	ctx := context.Background()
	m, err := model.Compute(ctx, db, model.Params{At: at, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	base, err := NewBaseline(ctx, db.DB, m)
	if err != nil {
		t.Fatal(err)
	}
	return m, base
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Cartelle over four years and a diario of the last two: the forecast of
// openings learns from the cartelle's four years and says so. The whole
// archive (first closure a few days after the first opening) starts at
// the first opening; an export of the cartelle open in its window (one
// still open since 2015) starts at the first closure.
func TestHistoryWindow(t *testing.T) {
	ctx := context.Background()
	archive := []string{
		`INSERT INTO comune (istat, name) VALUES ('000001', 'Alfa')`,
		// One cartella every 5 days or so from 4/1/2022; every other one
		// closed after 3 to 83 days, if by the end of 2025.
		`INSERT INTO cases (id, person, istat, area, opened, closed)
		 SELECT 'c' || i, 'p' || i, '000001', 'anziani', d,
		        CASE WHEN i % 2 = 0 AND d + CAST(3 + (i % 5) * 20 AS INTEGER) <= DATE '2025-12-31' THEN d + CAST(3 + (i % 5) * 20 AS INTEGER) END
		 FROM (SELECT i, DATE '2022-01-04' + CAST(i * 5 - (i % 7) AS INTEGER) AS d FROM range(0, 290) t(i))`,
		`INSERT INTO cases (id, person, istat, area, opened) VALUES ('fine', 'q', '000001', 'anziani', '2025-12-30')`,
		`INSERT INTO activity (id, day, operator_id, kind, minutes)
		 SELECT 'a' || i, DATE '2024-01-02' + CAST(i AS INTEGER), 'o1', 'community', 60 FROM range(0, 729) t(i)`,
	}
	db := storetest.Open(t, archive...)
	h, err := HistoryWindow(ctx, db.DB, NewCases)
	if err != nil {
		t.Fatal(err)
	}
	if h.Source != "aperture dalle cartelle, gen 2022 – dic 2025" || h.Months() != 48 {
		t.Errorf("history %q, %d months", h.Source, h.Months())
	}
	from, to, err := DataWindow(ctx, db.DB)
	if err != nil {
		t.Fatal(err)
	}
	if first, last := CompleteMonths(from, to); monthsBetween(first, last)+1 != 24 {
		t.Errorf("the diario covers %v–%v, want two years", first, last)
	}
	series, err := MonthlySeries(ctx, db.DB, NewCases, h.First, h.Last)
	if err != nil {
		t.Fatal(err)
	}
	f, err := ForecastSeries(series[0], DefaultForecastOptions())
	if err != nil {
		t.Fatal(err)
	}
	if f.History != 48 || f.MASE == nil {
		t.Errorf("forecast on %d months, MASE %v: want a verified method", f.History, f.MASE)
	}
	if h, err := HistoryWindow(ctx, db.DB, OpenCases); err != nil || h.Months() != 48 || !strings.HasPrefix(h.Source, "cartelle aperte a fine mese") {
		t.Errorf("open stock history %q %v", h.Source, err)
	}

	db = storetest.Open(t, append(archive,
		`INSERT INTO cases (id, person, istat, area, opened) VALUES ('vecchia', 'v', '000001', 'anziani', '2015-03-10')`)...)
	h, err = HistoryWindow(ctx, db.DB, NewCases)
	if err != nil {
		t.Fatal(err)
	}
	// First closure on 7/1/2022 (the cartella of 4/1, after 3 days).
	if !h.First.Equal(time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)) || h.Months() != 48 {
		t.Errorf("window export: history %q", h.Source)
	}
	if h := h.Between(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), h.Last); h.Source != "aperture dalle cartelle, gen 2024 – dic 2025 (mesi scelti)" {
		t.Errorf("chosen months: %q", h.Source)
	}

	// A window export whose first closure comes after the diario's first
	// day: the cartelle cover at least the diario, from 3/2/2025; the
	// last event (a closure on 10/6) leaves June incomplete.
	db = storetest.Open(t,
		`INSERT INTO cases (id, person, opened, closed) VALUES ('vecchia', 'v', '2015-03-10', NULL), ('nuova', 'n', '2025-03-03', '2025-06-10')`,
		`INSERT INTO activity (id, day, operator_id, kind, minutes) VALUES ('a1', '2025-02-03', 'o1', 'community', 60), ('a2', '2025-06-30', 'o1', 'community', 60)`)
	if h, err := HistoryWindow(ctx, db.DB, NewCases); err != nil || h.Source != "aperture dalle cartelle, feb 2025 – mag 2025" {
		t.Errorf("window export after the diario's start: %q %v", h.Source, err)
	}
}
