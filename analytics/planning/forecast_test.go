package planning

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// Seasonal naive on two identical-shape years shifted by 10: residuals are
// all 10, σ = 10; month h of the horizon repeats the last year, and the
// 95 % half-width is 1.96 σ √(k+1) with k the completed years (FPP Table 5.2).
func TestSeasonalNaiveByHand(t *testing.T) {
	y := make([]float64, 24)
	for i := range y {
		y[i] = float64(100 + i%12)
		if i >= 12 {
			y[i] += 10
		}
	}
	p, err := predict(SeasonalNaive, y, 12, 24)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		h          int
		mean, half float64
	}{
		{1, 110, 1.959963984540054 * 10},
		{12, 121, 1.959963984540054 * 10},
		{13, 110, 1.959963984540054 * 10 * math.Sqrt2},
	} {
		i := c.h - 1
		if !close(p.Mean[i], c.mean, 1e-12) || !close(p.Hi95[i]-p.Mean[i], c.half, 1e-12) {
			t.Errorf("h=%d: mean %v half-width %v, want %v %v", c.h, p.Mean[i], p.Hi95[i]-p.Mean[i], c.mean, c.half)
		}
	}
}

// Drift on 10, 12, 11, 13, 14: slope (14−10)/4 = 1; residuals y_t − y_{t−1} − 1
// are 1, −2, 1, 0, so σ² = 6/(5−2) = 2; at h = 2 the sd is √2·√(2(1+2/5)).
func TestDriftByHand(t *testing.T) {
	p, err := predict(Drift, []float64{10, 12, 11, 13, 14}, 12, 2)
	if err != nil {
		t.Fatal(err)
	}
	sd := math.Sqrt2 * math.Sqrt(2*(1+2.0/5))
	if !close(p.Mean[1], 16, 1e-12) || !close(p.Hi80[1]-16, 1.2815515655446004*sd, 1e-12) {
		t.Errorf("h=2: mean %v, half-width %v, want 16, %v", p.Mean[1], p.Hi80[1]-16, 1.2815515655446004*sd)
	}
}

// The error weights read off the recursions must give FPP's closed-form
// variance of ETS(A,A,A) (Table 8.8, there β = αβ*):
// σ_h²/σ² = 1 + (h−1){α² + αβh + β²h(2h−1)/6} + γk{2α + γ + βm(k+1)}, k = ⌊(h−1)/m⌋.
func TestAdditiveVarianceClosedForm(t *testing.T) {
	md := HWModel{Seasonality: Additive, Period: 4, Params: HWParams{Alpha: 0.4, Beta: 0.25, Gamma: 0.3, Phi: 1}}
	a, b, g, m := 0.4, 0.4*0.25, 0.3, 4.0
	c := md.psiWeights(12)
	for h := 1; h <= 12; h++ {
		got := 1.0
		for _, cj := range c[:h-1] {
			got += cj * cj
		}
		hf := float64(h)
		k := math.Floor((hf - 1) / m)
		want := 1 + (hf-1)*(a*a+a*b*hf+b*b*hf*(2*hf-1)/6) + g*k*(2*a+g+b*m*(k+1))
		if !close(got, want, 1e-12) {
			t.Errorf("h=%d: variance factor %v, closed form %v", h, got, want)
		}
	}
}

// One step ahead the simulated multiplicative interval is just the normal
// error around the point forecast: the simulation must reproduce ±1.96σ.
func TestMultiplicativeSimulationOneStep(t *testing.T) {
	y := airPassengers(t)
	md, fit, err := FitHW(y, 12, Multiplicative, false)
	if err != nil {
		t.Fatal(err)
	}
	sigma := 10.0
	p := md.simulate(fit, md.Forecast(fit, 3), sigma, 3)
	half := (p.Hi95[0] - p.Lo95[0]) / 2
	if math.Abs(half-1.96*sigma)/(1.96*sigma) > 0.05 {
		t.Errorf("one-step 95%% half-width %.2f, want ≈ %.2f", half, 1.96*sigma)
	}
	if !(p.Hi95[2]-p.Lo95[2] > p.Hi95[0]-p.Lo95[0]) {
		t.Errorf("intervals do not widen with the horizon: %v", p)
	}
}

// syntheticArrivals is a monthly count series with a level of about 60, an
// August dip and a Christmas dip, a slow trend and Poisson-like noise.
func syntheticArrivals(n int, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 1))
	shape := []float64{1.1, 1.05, 1.1, 1.0, 1.05, 1.0, 0.95, 0.55, 1.1, 1.15, 1.1, 0.85}
	y := make([]float64, n)
	for i := range y {
		mu := (60 + 0.3*float64(i)) * shape[i%12]
		y[i] = math.Round(mu + math.Sqrt(mu)*rng.NormFloat64())
	}
	return y
}

func TestForecastSeries(t *testing.T) {
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	opt := DefaultForecastOptions()
	t.Run("seasonal history picks a seasonal method", func(t *testing.T) {
		f, err := ForecastSeries(Series{Name: "ambito", Start: start, Values: syntheticArrivals(60, 7)}, opt)
		if err != nil {
			t.Fatal(err)
		}
		if f.Method == Drift || f.MASE == nil || *f.MASE > 1.2 {
			t.Errorf("method %s MASE %v: a strongly seasonal series should go to a seasonal method with MASE near or below 1", f.Method, f.MASE)
		}
		if len(f.Points) != 24 || f.Points[0].Month != "2028-01" || f.Points[23].Month != "2029-12" {
			t.Fatalf("points: %d, first %v", len(f.Points), f.Points[0])
		}
		aug := f.Points[7]
		if aug.Value > 0.8*f.Points[6].Value {
			t.Errorf("August forecast %.1f does not dip below July %.1f", aug.Value, f.Points[6].Value)
		}
		for _, p := range f.Points {
			if !(p.Lo95 <= p.Lo80 && p.Lo80 <= p.Value && p.Value <= p.Hi80 && p.Hi80 <= p.Hi95) {
				t.Errorf("%s: bounds out of order %+v", p.Month, p)
			}
		}
		if f.Warning != "" {
			t.Errorf("unexpected warning %q", f.Warning)
		}
		if len(f.Backtest) != 6 {
			t.Errorf("backtest scored %d methods, want 6", len(f.Backtest))
		}
	})
	t.Run("short history uses the simple methods and says so", func(t *testing.T) {
		f, err := ForecastSeries(Series{Name: "ambito", Start: start, Values: syntheticArrivals(20, 3)}, opt)
		if err != nil {
			t.Fatal(err)
		}
		if f.Method != SeasonalNaive && f.Method != Drift {
			t.Errorf("method %s with 20 months", f.Method)
		}
		if len(f.Backtest) != 2 || !strings.Contains(f.Warning, "meno di 24") {
			t.Errorf("backtest %v warning %q", f.Backtest, f.Warning)
		}
	})
	t.Run("too few backtest points keep the model's bands and say so", func(t *testing.T) {
		f, err := ForecastSeries(Series{Name: "ambito", Start: start, Values: syntheticArrivals(15, 3)}, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range f.Backtest {
			if b.Method == f.Method && (b.Calibrated || b.Forecasts >= 19) {
				t.Errorf("%d backtest points, calibrated %v", b.Forecasts, b.Calibrated)
			}
		}
		if !strings.Contains(f.Warning, "Troppo pochi confronti nel backtest") || !strings.Contains(f.Warning, "copertura osservata nel backtest") {
			t.Errorf("warning %q", f.Warning)
		}
	})
	t.Run("too short", func(t *testing.T) {
		if _, err := ForecastSeries(Series{Name: "x", Start: start, Values: []float64{1, 2}}, opt); err == nil {
			t.Error("no error with 2 months")
		}
	})
	t.Run("constant series", func(t *testing.T) {
		f, err := ForecastSeries(Series{Name: "dipendenze", Start: start, Values: make([]float64, 30)}, opt)
		if err != nil {
			t.Fatal(err)
		}
		if f.MASE != nil || !strings.Contains(f.Warning, "costante") || f.Points[0].Value != 0 {
			t.Errorf("constant zero series: %+v", f)
		}
	})
	t.Run("counts never go negative", func(t *testing.T) {
		y := []float64{30, 25, 20, 15, 10, 8, 5, 3, 2, 1, 1, 0, 0, 1}
		f, err := ForecastSeries(Series{Name: "x", Start: start, Values: y}, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range f.Points {
			if p.Value < 0 || p.Lo95 < 0 {
				t.Fatalf("negative forecast %+v", p)
			}
		}
	})
}

// On a long series whose noise is exactly what the model assumes, the
// rolling-origin coverage of the model's own 80 % and 95 % intervals must
// come out near the nominal levels, and calibration must keep them there.
func TestBacktestCoverage(t *testing.T) {
	y := syntheticArrivals(96, 11)
	opt := DefaultForecastOptions()
	opt.BacktestOrigins = 48
	scores := backtest(y, 12, []Method{SeasonalNaive, HoltWintersAdditive}, 24, opt)
	for _, s := range scores {
		t.Logf("%s: MASE %.3f, model coverage 80 %.2f, 95 %.2f over %d forecasts; calibrated %.2f, %.2f (×%.2f, ×%.2f)",
			s.Method, *s.MASE, *s.ModelCoverage80, *s.ModelCoverage95, s.Forecasts, *s.Coverage80, *s.Coverage95, s.q80, s.q95)
		if *s.ModelCoverage95 < 0.85 || *s.ModelCoverage80 < 0.65 {
			t.Errorf("%s: model coverage %.2f / %.2f too far below 80 / 95 %%", s.Method, *s.ModelCoverage80, *s.ModelCoverage95)
		}
		// The model is right here: calibration barely rescales it (an
		// 80 % band is about 1.28 ÷ 1.96 = 0.65 of the 95 % one).
		if !s.Calibrated || s.q95 < 0.8 || s.q95 > 1.3 || s.q80 < 0.5 || s.q80 > 0.9 {
			t.Errorf("%s: calibrated %v, scale %.2f / %.2f of the model's 95 %% half-width", s.Method, s.Calibrated, s.q80, s.q95)
		}
	}
}

// The conformal quantile is the ⌈(n+1)(1−α)⌉-th smallest score; with too
// few scores for that rank there is no calibration.
func TestConformalQuantile(t *testing.T) {
	t.Parallel()
	scores := []float64{0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 1.0} // 0.1 … 1.0
	for _, c := range []struct {
		alpha float64
		want  float64
		ok    bool
	}{
		{0.20, 0.9, true}, // ⌈11 × 0.8⌉ = 9th
		{0.50, 0.6, true}, // ⌈11 × 0.5⌉ = 6th
		{0.05, 0, false},  // ⌈11 × 0.95⌉ = 11th of 10
	} {
		q, ok := conformalQuantile(scores, c.alpha)
		if ok != c.ok || math.Abs(q-c.want) > 1e-12 {
			t.Errorf("α %.2f: %v %v, want %v %v", c.alpha, q, ok, c.want, c.ok)
		}
	}
	if _, ok := conformalQuantile([]float64{0.1, math.Inf(1)}, 0.5); ok {
		t.Error("an infinite quantile calibrates")
	}
	// Leaving each point out, 8 of 10 fall within the 9th smallest of the
	// other nine… the ⌈10 × 0.8⌉ = 8th: ranks 1–8 are inside.
	if got := leaveOneOutCoverage(scores, 0.20); math.Abs(got-0.8) > 1e-12 {
		t.Errorf("leave-one-out coverage %v, want 0.8", got)
	}
	p := Prediction{Mean: []float64{10}, Lo80: []float64{0}, Hi80: []float64{0}, Lo95: []float64{6}, Hi95: []float64{14}}
	if got := conformity(13, p, 0); got != 0.75 {
		t.Errorf("conformity %v, want 0.75 (error 3 over half-width 4)", got)
	}
	calibrate(p, 0.5, 1.5)
	if p.Lo80[0] != 8 || p.Hi80[0] != 12 || p.Lo95[0] != 4 || p.Hi95[0] != 16 {
		t.Errorf("calibrated %+v", p)
	}
}

// NCSC: 540 open cases of 30 hours with 1,800 case hours per FTE need 9 FTE.
func TestProjectFTE(t *testing.T) {
	f := SeriesForecast{Points: []Point{{Value: 540, Lo95: 360, Hi95: 720}}}
	ProjectFTE(&f, 30, 1800)
	if got := *f.Points[0].FTENeeded; got != (FTERange{Value: 9, Lo95: 6, Hi95: 12}) {
		t.Errorf("FTE %+v, want 9 (6–12)", got)
	}
}

// One series of three years, all six candidates backtested from 12 origins
// and the winner forecast 24 months: what `carico plan forecast` does per
// series (the Ambito plus up to seven areas).
func BenchmarkForecastSeries36(b *testing.B) {
	s := Series{Name: "ambito", Start: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), Values: syntheticArrivals(36, 5)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ForecastSeries(s, DefaultForecastOptions()); err != nil {
			b.Fatal(err)
		}
	}
}
