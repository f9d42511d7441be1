package planning

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// airPassengers reads the classic Box-Jenkins series G (1949–1960).
func airPassengers(t testing.TB) []float64 {
	t.Helper()
	f, err := os.Open("testdata/airpassengers.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var y []float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "year") {
			continue
		}
		for _, s := range strings.Split(line, ",")[1:] {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			y = append(y, v)
		}
	}
	if len(y) != 144 {
		t.Fatalf("AirPassengers: %d values, want 144", len(y))
	}
	return y
}

type hwReference struct {
	Fixed []struct {
		Seasonal string    `json:"seasonal"`
		Damped   bool      `json:"damped"`
		Alpha    float64   `json:"alpha"`
		Beta     float64   `json:"beta"`
		Gamma    float64   `json:"gamma"`
		Phi      float64   `json:"phi"`
		Level0   float64   `json:"level0"`
		Trend0   float64   `json:"trend0"`
		Season0  []float64 `json:"season0"`
		SSE      float64   `json:"sse"`
		Fitted   []float64 `json:"fitted"`
		Forecast []float64 `json:"forecast"`
		FPP      []float64 `json:"forecast_fpp"`
	} `json:"fixed"`
	Optimised []struct {
		Seasonal string  `json:"seasonal"`
		Damped   bool    `json:"damped"`
		Alpha    float64 `json:"alpha"`
		Beta     float64 `json:"beta"`
		Gamma    float64 `json:"gamma"`
		SSE      float64 `json:"sse"`
	} `json:"optimised"`
}

func loadReference(t *testing.T) hwReference {
	t.Helper()
	b, err := os.ReadFile("testdata/hw_reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref hwReference
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	return ref
}

func seasonality(s string) Seasonality {
	if s == "mul" {
		return Multiplicative
	}
	return Additive
}

// TestHoltWintersMatchesStatsmodels runs the recursions with the parameters
// and initial state statsmodels was given and compares every fitted value,
// the SSE and 24 forecasts (testdata/README.md says how they were made).
func TestHoltWintersMatchesStatsmodels(t *testing.T) {
	y := airPassengers(t)
	ref := loadReference(t)
	for _, c := range ref.Fixed {
		s := seasonality(c.Seasonal)
		init, err := HeuristicInit(y, 12, s)
		if err != nil {
			t.Fatal(err)
		}
		// Our heuristic must give the state the script computed.
		if !close(init.Level, c.Level0, 1e-9) || !close(init.Trend, c.Trend0, 1e-9) {
			t.Errorf("%s damped=%v: init level %v trend %v, reference %v %v", c.Seasonal, c.Damped, init.Level, init.Trend, c.Level0, c.Trend0)
		}
		for i := range init.Season {
			if !close(init.Season[i], c.Season0[i], 1e-9) {
				t.Errorf("%s: season0[%d] = %v, reference %v", c.Seasonal, i, init.Season[i], c.Season0[i])
			}
		}
		md := HWModel{Seasonality: s, Damped: c.Damped, Period: 12, Init: init,
			Params: HWParams{Alpha: c.Alpha, Beta: c.Beta, Gamma: c.Gamma, Phi: c.Phi}}
		fit := md.Run(y)
		for i, want := range c.Fitted {
			if !close(fit.Fitted[i], want, 1e-9) {
				t.Fatalf("%s damped=%v: fitted[%d] = %.10g, statsmodels %.10g", c.Seasonal, c.Damped, i, fit.Fitted[i], want)
			}
		}
		if !close(fit.SSE, c.SSE, 1e-9) {
			t.Errorf("%s damped=%v: SSE %.6f, statsmodels %.6f", c.Seasonal, c.Damped, fit.SSE, c.SSE)
		}
		// statsmodels 0.13.5 takes a stale seasonal factor at horizons that
		// are multiples of 12 (its issue #9538): there we compare with FPP's
		// formula applied to statsmodels' final state, elsewhere with its
		// forecast directly.
		for i, got := range md.Forecast(fit, len(c.Forecast)) {
			want := c.Forecast[i]
			if (i+1)%12 == 0 {
				want = c.FPP[i]
			}
			if !close(got, want, 1e-9) || !close(c.FPP[i], want, 1e-9) {
				t.Errorf("%s damped=%v: forecast h=%d = %.10g, reference %.10g", c.Seasonal, c.Damped, i+1, got, want)
			}
		}
	}
}

// TestFitHWAgainstStatsmodels checks the optimiser: on the same objective
// and admissible region, our SSE must be no worse than statsmodels' by more
// than 0.5 %.
func TestFitHWAgainstStatsmodels(t *testing.T) {
	y := airPassengers(t)
	for _, c := range loadReference(t).Optimised {
		md, fit, err := FitHW(y, 12, seasonality(c.Seasonal), c.Damped)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s damped=%v: SSE %.2f (α=%.4f β=%.4f γ=%.4f φ=%.4f), statsmodels %.2f (α=%.4f γ=%.4f)",
			c.Seasonal, c.Damped, fit.SSE, md.Params.Alpha, md.Params.Beta, md.Params.Gamma, md.Params.Phi, c.SSE, c.Alpha, c.Gamma)
		if fit.SSE > c.SSE*1.005 {
			t.Errorf("%s damped=%v: SSE %.2f worse than statsmodels %.2f", c.Seasonal, c.Damped, fit.SSE, c.SSE)
		}
		p := md.Params
		// Undamped optima are interior and well defined: the parameters agree too.
		if !c.Damped && (math.Abs(p.Alpha-c.Alpha) > 0.005 || math.Abs(p.Beta-c.Beta) > 0.005 || math.Abs(p.Gamma-c.Gamma) > 0.005) {
			t.Errorf("%s: parameters %+v, statsmodels α=%.4f β=%.4f γ=%.4f", c.Seasonal, p, c.Alpha, c.Beta, c.Gamma)
		}
		if p.Alpha <= 0 || p.Alpha >= 1 || p.Beta < 0 || p.Beta >= 1 || p.Gamma < 0 || p.Gamma > 1-p.Alpha {
			t.Errorf("parameters outside the admissible region: %+v", p)
		}
	}
}

func close(a, b, rel float64) bool {
	return math.Abs(a-b) <= rel*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
