package weights

import (
	"bytes"
	"context"
	"github.com/xuri/excelize/v2"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/internal/storetest"
	"github.com/carico/carico/model"
	"github.com/carico/carico/store"
)

func fixture(t *testing.T) (*store.DB, *model.Metrics) {
	t.Helper()
	script, err := os.ReadFile("testdata/calibration.sql")
	if err != nil {
		t.Fatal(err)
	}
	db := storetest.Open(t, string(script))
	m, err := model.Compute(context.Background(), db, model.Params{
		From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return db, m
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.6f, want %.6f", what, got, want)
	}
}

func cellOf(t *testing.T, cal *Calibration, a carico.Area, cx int) Cell {
	t.Helper()
	for _, c := range cal.Cells {
		if c.Area == a && c.Complexity == cx {
			return c
		}
	}
	t.Fatalf("cell %s/%d missing", a, cx)
	return Cell{}
}

// TestCalibrate checks the observed hours per cell against the fixture's
// known hours.
//
// famiglia_minori alta: f1…f12, open all of 2025 (365 days = 0,99932
// case-years each), f<i> logged 12 × (60 + 10·i) minutes = 12 + 2·i hours:
// 300 hours over 11,9918 case-years = 25,0171 h. The educator's 10 hours on
// f1 do not count (educators hold no cartelle).
//
// anziani bassa: a1…a3 held by as2, whose diario covers only January–June
// (181 days): 6 hours each over 181/365,25 years = 12,1077 h; only 3
// cartelle, and no cell of the area has 10, so the weight borrows the
// service's factor: 5 × 25,0171/40 = 3,1271 h.
func TestCalibrate(t *testing.T) {
	t.Parallel()
	db, m := fixture(t)
	cal, err := Calibrate(context.Background(), db, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cal.MonthsTotal != 24 || cal.MonthsUsed != 18 || cal.Unclassified != 1 || len(cal.Roles) != 1 {
		t.Errorf("months %d/%d, unclassified %d, roles %v; want 18/24, 1, [assistente_sociale]", cal.MonthsUsed, cal.MonthsTotal, cal.Unclassified, cal.Roles)
	}
	f := cellOf(t, cal, carico.AreaFamily, 3)
	near(t, "famiglia alta hours", f.Hours, 300, 1e-9)
	near(t, "famiglia alta case-years", f.CaseYears, 12*365/365.25, 1e-9)
	near(t, "famiglia alta observed", *f.Observed, 300/(12*365/365.25), 1e-9)
	if f.Cartelle != 12 || f.Source != SourceObserved || f.Weight != *f.Observed {
		t.Errorf("famiglia alta: %d cartelle, source %s, weight %v", f.Cartelle, f.Source, f.Weight)
	}
	// Cartelle differ (14 to 36 h), so the interval is real and holds the estimate.
	if f.Low == nil || !(*f.Low < *f.Observed && *f.Observed < *f.High) || *f.Low < 14 || *f.High > 36 {
		t.Errorf("famiglia alta interval %v–%v around %v", f.Low, f.High, *f.Observed)
	}
	a := cellOf(t, cal, carico.AreaElderly, 1)
	near(t, "anziani bassa observed", *a.Observed, 18/(3*181/365.25), 1e-9)
	factor := *f.Observed / 40
	near(t, "overall factor", *cal.Overall, factor, 1e-9)
	near(t, "anziani bassa weight", a.Weight, 5*factor, 1e-9)
	if a.Source != SourceOverall || a.Cartelle != 3 {
		t.Errorf("anziani bassa: source %s, %d cartelle; want complessivo, 3", a.Source, a.Cartelle)
	}
	// A cell with nothing observed borrows too: disabili media = 12 × factor.
	near(t, "disabili media", cellOf(t, cal, carico.AreaDisability, 2).Weight, 12*factor, 1e-9)

	// Same seed, same interval.
	again, _ := Calibrate(context.Background(), db, m, Options{})
	if *cellOf(t, again, carico.AreaFamily, 3).Low != *f.Low {
		t.Error("bootstrap not reproducible")
	}
}

// TestWriteTOML checks that the weights file is a configuration the model
// reads back with the same weights.
func TestWriteTOML(t *testing.T) {
	t.Parallel()
	db, m := fixture(t)
	cal, err := Calibrate(context.Background(), db, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteTOML(&buf, cal.Header(), cal.CalibrationRows()); err != nil {
		t.Fatal(err)
	}
	cfg, err := model.ParseConfig("pesi.toml", buf.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if got := cfg.Caseload.Weights[carico.AreaFamily][2]; got != 25 {
		t.Errorf("famiglia alta read back %v, want 25 (25,0171 rounded)\n%s", got, buf.String())
	}
	if got, want := cfg.Caseload.Weights, cal.Weights(); len(got) != len(want) || got[carico.AreaElderly] != want[carico.AreaElderly] {
		t.Errorf("weights read back %v, want %v", got, want)
	}
}

// panelFile calibrates the fixture and writes its panel worksheet; it
// returns the open workbook and the row of famiglia_minori alta.
func panelFile(t *testing.T) (*Calibration, string, *excelize.File, int) {
	t.Helper()
	db, m := fixture(t)
	cal, err := Calibrate(context.Background(), db, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/pannello.xlsx"
	if err := WritePanel(path, cal); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(PanelSheet)
	line := 0
	for i, r := range rows {
		if len(r) > 2 && r[1] == "famiglia_minori" && r[2] == "alta" {
			line = i + 1
		}
	}
	if line == 0 {
		t.Fatal("famiglia_minori alta row missing")
	}
	return cal, path, f, line
}

// fillPanel writes cells (column → value) into the given row of the
// panel's sheet, saves it and reads the panel back.
func fillPanel(t *testing.T, path string, f *excelize.File, line int, cells map[string]any) *Panel {
	t.Helper()
	for col, v := range cells {
		if err := f.SetCellValue(PanelSheet, col+strconv.Itoa(line), v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	p, err := ReadPanel(path)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPanelRoundTrip writes the panel worksheet, fills it as three
// participants would (one in Italian number format, one leaving a cell
// empty) and checks that the adjusted weight is their median.
func TestPanelRoundTrip(t *testing.T) {
	t.Parallel()
	cal, path, f, line := panelFile(t)
	p := fillPanel(t, path, f, line, map[string]any{"J": 40.0, "K": "32,5", "L": 36, "P": "visite domiciliari ed équipe con la tutela minori"})
	adj := Adjust(cal, p)
	for _, a := range adj {
		switch {
		case a.Area == carico.AreaFamily && a.Complexity == 3:
			if a.Panel != 36 || len(a.Answers) != 3 || len(a.Reasons) != 1 {
				t.Errorf("famiglia alta: panel %v from %v, reasons %v; want median 36 of 3", a.Panel, a.Answers, a.Reasons)
			}
		case len(a.Answers) > 0 || a.Panel != round1(a.Weight):
			t.Errorf("%s/%d: no answers should keep the calibrated weight, got %v", a.Area, a.Complexity, a.Panel)
		}
	}
	var buf bytes.Buffer
	if err := WriteTOML(&buf, PanelHeader(cal, p), PanelRowsTOML(adj)); err != nil {
		t.Fatal(err)
	}
	cfg, err := model.ParseConfig("pannello.toml", buf.Bytes())
	if err != nil || cfg.Caseload.Weights[carico.AreaFamily][2] != 36 {
		t.Errorf("panel TOML read back: %v, %v\n%s", err, cfg.Caseload.Weights, buf.String())
	}

	// A wrong value names file, sheet, row and column.
	f.SetCellValue(PanelSheet, "J"+strconv.Itoa(line), "tanto")
	f.Save()
	if _, err := ReadPanel(path); err == nil || !strings.Contains(err.Error(), "riga") || !strings.Contains(err.Error(), "partecipante 1") {
		t.Errorf("bad answer: %v", err)
	}
}

// TestPanelNumbers checks that the panel's workbook reads typed numbers as
// the importer does («1.250» is 1250 hours, «12,5» is 12.5) and number
// cells by their value (12.125 stays 12.125).
func TestPanelNumbers(t *testing.T) {
	t.Parallel()
	_, path, f, line := panelFile(t)
	p := fillPanel(t, path, f, line, map[string]any{"J": "1.250", "K": 12.125, "L": "12,5"})
	got := p.Answers[cellKey{carico.AreaFamily, 3}]
	if want := []float64{1250, 12.125, 12.5}; !slices.Equal(got, want) {
		t.Errorf("answers %v, want %v", got, want)
	}
}

// TestBorrowedWeightSaysSo checks that a weight outside its own cell's
// 90 % interval is never passed off as the cell's: it was borrowed, and
// its note — a column of the panel's sheet — says from where and that the
// cell's cartelle point elsewhere. In the fixture anziani bassa observes
// 12,1 h on 3 cartelle and borrows 3,1 h from the service.
func TestBorrowedWeightSaysSo(t *testing.T) {
	t.Parallel()
	db, m := fixture(t)
	cal, err := Calibrate(context.Background(), db, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	outside := 0
	for i, c := range cal.Cells {
		if c.Low == nil || (c.Weight >= *c.Low && c.Weight <= *c.High) {
			continue
		}
		outside++
		if c.Source == SourceObserved || !strings.Contains(c.Note, "preso in prestito") || !strings.Contains(c.Note, "fuori dall'intervallo al 90 %") {
			t.Errorf("%s/%d: weight %v outside %v–%v, source %s, note %q", c.Area, c.Complexity, c.Weight, *c.Low, *c.High, c.Source, c.Note)
		}
		row := cal.PanelRows()[i]
		if cols := PanelColumns(); cols[len(cols)-1] != "Origine del peso calibrato" || row[len(row)-1] != c.Note {
			t.Errorf("%s/%d: panel row does not carry the note: %v", c.Area, c.Complexity, row)
		}
	}
	if a := cellOf(t, cal, carico.AreaElderly, 1); outside == 0 || !strings.Contains(a.Note, "indicano più ore") {
		t.Errorf("anziani bassa note %q; %d cells outside their interval", a.Note, outside)
	}
}
