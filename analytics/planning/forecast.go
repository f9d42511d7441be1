package planning

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/carico/carico/internal/italian"
)

// Method is a forecasting method, as the JSON contract names it.
type Method string

// The candidate methods, simplest first: on equal backtest error the simpler
// one wins.
const (
	SeasonalNaive                 Method = "seasonal_naive"
	Drift                         Method = "drift"
	HoltWintersAdditive           Method = "hw_additive"
	HoltWintersAdditiveDamped     Method = "hw_additive_damped"
	HoltWintersMultiplicative     Method = "hw_multiplicative"
	HoltWintersMultiplicativeDamp Method = "hw_multiplicative_damped"
)

var methodLabels = map[Method]string{
	SeasonalNaive:                 "Naive stagionale",
	Drift:                         "Deriva (drift)",
	HoltWintersAdditive:           "Holt-Winters additivo",
	HoltWintersAdditiveDamped:     "Holt-Winters additivo, trend smorzato",
	HoltWintersMultiplicative:     "Holt-Winters moltiplicativo",
	HoltWintersMultiplicativeDamp: "Holt-Winters moltiplicativo, trend smorzato",
}

// Label is the Italian name of the method.
func (m Method) Label() string { return labelOf(methodLabels, m) }

// MinHistoryHoltWinters is the history below which only the simple methods
// are tried: Holt-Winters' initial state needs two full years.
const MinHistoryHoltWinters = 24

// Normal quantiles of the two-sided 80 % and 95 % intervals.
const (
	z80 = 1.2815515655446004
	z95 = 1.959963984540054
)

// simulationPaths is the number of simulated futures behind the intervals of
// multiplicative Holt-Winters, which has no closed-form variance.
const simulationPaths = 4000

// Prediction is a point forecast with its 80 % and 95 % prediction intervals.
type Prediction struct {
	Mean, Lo80, Hi80, Lo95, Hi95 []float64
}

// predict fits method to y (seasonal period m) and forecasts h steps.
//
// Intervals (FPP §5.5, §8.7): seasonal naive σ√(k+1) with k = ⌊(h−1)/m⌋;
// drift σ√(h(1+h/T)); additive Holt-Winters σ²(1 + Σc_j²) from the
// state-space error weights — all analytic, assuming normal errors.
// Multiplicative Holt-Winters has no closed form: the intervals are the
// quantiles of simulated futures with normal errors of the fitted σ (fixed
// seed, so the output is deterministic).
//
// Counts cannot be negative: forecasts and bounds are clamped at 0.
func predict(method Method, y []float64, m, h int) (Prediction, error) {
	p, err := predictRaw(method, y, m, h)
	if err == nil {
		clampAtZero(p)
	}
	return p, err
}

// predictRaw is predict before clamping at 0: the width of its intervals
// is the model's own, which the calibration scales.
func predictRaw(method Method, y []float64, m, h int) (Prediction, error) {
	var p Prediction
	switch method {
	case SeasonalNaive:
		if len(y) < m {
			return p, fmt.Errorf("naive stagionale: servono almeno %d mesi", m)
		}
		var ss float64
		for t := m; t < len(y); t++ {
			ss += (y[t] - y[t-m]) * (y[t] - y[t-m])
		}
		sigma := 0.0
		if n := len(y) - m; n > 0 {
			sigma = math.Sqrt(ss / float64(n))
		}
		p = analytic(h, func(i int) (float64, float64) {
			k := i / m
			return y[len(y)-m+i%m], sigma * math.Sqrt(float64(k+1))
		})
	case Drift:
		T := len(y)
		if T < 2 {
			return p, errors.New("deriva: servono almeno 2 mesi")
		}
		c := (y[T-1] - y[0]) / float64(T-1)
		var ss float64
		for t := 1; t < T; t++ {
			e := y[t] - y[t-1] - c
			ss += e * e
		}
		dof := T - 2
		if dof < 1 {
			dof = 1
		}
		sigma := math.Sqrt(ss / float64(dof))
		p = analytic(h, func(i int) (float64, float64) {
			hh := float64(i + 1)
			return y[T-1] + hh*c, sigma * math.Sqrt(hh*(1+hh/float64(T)))
		})
	default:
		seas, damped, ok := hwVariant(method)
		if !ok {
			return p, fmt.Errorf("metodo sconosciuto: %q", method)
		}
		md, fit, err := FitHW(y, m, seas, damped)
		if err != nil {
			return p, err
		}
		nParams := 3
		if damped {
			nParams = 4
		}
		dof := len(y) - nParams
		if dof < 1 {
			dof = 1
		}
		sigma := math.Sqrt(fit.SSE / float64(dof))
		mean := md.Forecast(fit, h)
		if seas == Additive {
			c := md.psiWeights(h)
			p = analytic(h, func(i int) (float64, float64) {
				v := 1.0
				for _, cj := range c[:i] {
					v += cj * cj
				}
				return mean[i], sigma * math.Sqrt(v)
			})
		} else {
			p = md.simulate(fit, mean, sigma, h)
		}
	}
	return p, nil
}

func hwVariant(m Method) (Seasonality, bool, bool) {
	switch m {
	case HoltWintersAdditive:
		return Additive, false, true
	case HoltWintersAdditiveDamped:
		return Additive, true, true
	case HoltWintersMultiplicative:
		return Multiplicative, false, true
	case HoltWintersMultiplicativeDamp:
		return Multiplicative, true, true
	}
	return 0, false, false
}

// analytic builds a normal-theory prediction from the mean and standard
// deviation of each step.
func analytic(h int, step func(i int) (mean, sd float64)) Prediction {
	p := newPrediction(h)
	for i := 0; i < h; i++ {
		mu, sd := step(i)
		p.Mean[i] = mu
		p.Lo80[i], p.Hi80[i] = mu-z80*sd, mu+z80*sd
		p.Lo95[i], p.Hi95[i] = mu-z95*sd, mu+z95*sd
	}
	return p
}

func newPrediction(h int) Prediction {
	return Prediction{
		Mean: make([]float64, h), Lo80: make([]float64, h), Hi80: make([]float64, h),
		Lo95: make([]float64, h), Hi95: make([]float64, h),
	}
}

// simulate draws simulationPaths futures of the multiplicative model,
// y = (ℓ + φb)s + ε with ε ~ N(0, σ²), updating the states with each
// simulated value, and takes the interval bounds as empirical quantiles.
func (md HWModel) simulate(fit HWFit, mean []float64, sigma float64, h int) Prediction {
	rng := rand.New(rand.NewPCG(20130101, 8))
	m := md.Period
	phi := md.phi()
	a, b, g := md.Params.Alpha, md.Params.Beta, md.Params.Gamma
	draws := make([][]float64, h)
	for i := range draws {
		draws[i] = make([]float64, simulationPaths)
	}
	season := make([]float64, m)
	for k := 0; k < simulationPaths; k++ {
		copy(season, fit.Season)
		level, trend := fit.Level, fit.Trend
		for i := 0; i < h; i++ {
			s := season[i%m]
			base := level + phi*trend
			v := base*s + sigma*rng.NormFloat64()
			prev := level
			level = a*v/s + (1-a)*base
			trend = b*(level-prev) + (1-b)*phi*trend
			season[i%m] = g*v/base + (1-g)*s
			draws[i][k] = v
		}
	}
	p := newPrediction(h)
	copy(p.Mean, mean)
	for i, d := range draws {
		slices.Sort(d)
		p.Lo95[i], p.Lo80[i] = quantile(d, 0.025), quantile(d, 0.10)
		p.Hi80[i], p.Hi95[i] = quantile(d, 0.90), quantile(d, 0.975)
	}
	return p
}

// quantile of sorted data, linear interpolation between order statistics
// (R's type 7).
func quantile(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	i := int(pos)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	f := pos - float64(i)
	return sorted[i]*(1-f) + sorted[i+1]*f
}

func clampAtZero(p Prediction) {
	for _, s := range [][]float64{p.Mean, p.Lo80, p.Hi80, p.Lo95, p.Hi95} {
		for i, v := range s {
			if v < 0 {
				s[i] = 0
			}
		}
	}
}

// Series is a monthly series starting at the first day of Start's month.
type Series struct {
	Name   string
	Start  time.Time
	Values []float64
}

// ForecastOptions set the horizon and the backtest.
type ForecastOptions struct {
	Horizon         int // months ahead, 12–36
	Period          int // seasonal period; 12 for monthly data
	BacktestOrigins int // rolling origins tried, the last ones of the history
	BacktestHorizon int // months forecast from each origin
}

// DefaultForecastOptions forecasts two years with a year of rolling origins.
func DefaultForecastOptions() ForecastOptions {
	return ForecastOptions{Horizon: 24, Period: 12, BacktestOrigins: 12, BacktestHorizon: 12}
}

// Point is one forecast month.
type Point struct {
	Month string  `json:"month"` // yyyy-mm
	Value float64 `json:"value"`
	Lo80  float64 `json:"lo80"`
	Hi80  float64 `json:"hi80"`
	Lo95  float64 `json:"lo95"`
	Hi95  float64 `json:"hi95"`
	// FTENeeded projects an open-caseload forecast into staff: set by
	// ProjectFTE, absent otherwise.
	FTENeeded *FTERange `json:"fte_needed,omitempty"`
}

// FTERange is the FTE need of a forecast point and of its 95 % bounds.
type FTERange struct {
	Value float64 `json:"value"`
	Lo95  float64 `json:"lo95"`
	Hi95  float64 `json:"hi95"`
}

// ProjectFTE turns a forecast of open cases into FTE need (NCSC weighted
// caseload): cases × hoursPerCase (the mean case weight of today's open
// cases, hours per case-year) ÷ caseHoursPerFTE (available hours of one FTE
// for case work).
func ProjectFTE(f *SeriesForecast, hoursPerCase, caseHoursPerFTE float64) {
	if caseHoursPerFTE <= 0 {
		return
	}
	k := hoursPerCase / caseHoursPerFTE
	for i := range f.Points {
		p := &f.Points[i]
		p.FTENeeded = &FTERange{Value: p.Value * k, Lo95: p.Lo95 * k, Hi95: p.Hi95 * k}
	}
}

// MethodScore is a method's rolling-origin backtest: MASE against the
// in-sample seasonal naive, and how often the actual value fell inside the
// 80 % and 95 % intervals as shown.
//
// When Calibrated, the intervals shown are the model's scaled by
// split-conformal calibration on the backtest (see calibrate), and
// Coverage80 and Coverage95 are measured leaving each backtest point out
// of the calibration it is checked against; otherwise they are the
// coverage of the model's own intervals. ModelCoverage80 and
// ModelCoverage95 are always the model's own, before calibration.
type MethodScore struct {
	Method          Method   `json:"method"`
	MASE            *float64 `json:"mase"`
	Coverage80      *float64 `json:"coverage80"`
	Coverage95      *float64 `json:"coverage95"`
	Calibrated      bool     `json:"calibrated"`
	ModelCoverage80 *float64 `json:"model_coverage80"`
	ModelCoverage95 *float64 `json:"model_coverage95"`
	Forecasts       int      `json:"forecasts"` // backtest points scored

	// scores are the conformity scores of the backtest points: the
	// absolute error over the half-width of the model's 95 % interval.
	scores []float64
	// q80 and q95 scale the model's 95 % half-width into the calibrated
	// 80 % and 95 % ones; set when Calibrated.
	q80, q95 float64
}

// SeriesForecast is the forecast of one series with the backtest that chose
// its method.
type SeriesForecast struct {
	Name    string   `json:"name"`
	Method  Method   `json:"method"`
	MASE    *float64 `json:"mase"` // null when the history is too short to backtest
	History int      `json:"history_months"`
	// Basis says which months the series covers and where they come from;
	// set by the caller that read the series (HistoryWindow), absent for a
	// series given by hand.
	Basis    *History      `json:"history,omitempty"`
	Warning  string        `json:"warning,omitempty"`
	Backtest []MethodScore `json:"backtest"`
	Points   []Point       `json:"points"`
}

// ForecastSeries chooses a method for s by rolling-origin backtest and
// forecasts opt.Horizon months with it.
//
// Candidates are seasonal naive and drift, plus Holt-Winters (additive and
// multiplicative seasonality, each with and without damped trend) when the
// history reaches MinHistoryHoltWinters months. From each of the last
// BacktestOrigins origins every candidate is fitted on the history up to
// the origin and scored on the next BacktestHorizon months (FPP §5.10, time
// series cross-validation). Errors are scaled by the in-sample mean absolute
// error of the seasonal naive one-step forecast of the training part (MASE,
// Hyndman & Koehler 2006); the method with the lowest MASE wins, the
// simpler on ties.
func ForecastSeries(s Series, opt ForecastOptions) (SeriesForecast, error) {
	y := s.Values
	T := len(y)
	m := opt.Period
	out := SeriesForecast{Name: s.Name, History: T}
	if T < 3 {
		return out, fmt.Errorf("serie %q: storia troppo breve (%d mesi) per una previsione", s.Name, T)
	}
	if opt.Horizon < 1 {
		return out, fmt.Errorf("orizzonte non valido: %d", opt.Horizon)
	}
	var cands []Method
	minTrain := 3
	switch {
	case T >= MinHistoryHoltWinters && T >= 2*m:
		cands = []Method{SeasonalNaive, Drift, HoltWintersAdditive, HoltWintersAdditiveDamped}
		if allPositive(y) {
			cands = append(cands, HoltWintersMultiplicative, HoltWintersMultiplicativeDamp)
		}
		minTrain = max(MinHistoryHoltWinters, 2*m)
	case T > m:
		cands = []Method{SeasonalNaive, Drift}
		minTrain = m + 1
		out.Warning = fmt.Sprintf("Solo %d mesi di storia (meno di %d): usati solo i metodi semplici (naive stagionale, deriva).", T, MinHistoryHoltWinters)
	default:
		cands = []Method{Drift}
		out.Warning = fmt.Sprintf("Solo %d mesi di storia (meno di un anno): usata solo la deriva, senza stagionalità.", T)
	}
	scores := backtest(y, m, cands, minTrain, opt)
	out.Backtest = scores
	out.Method = cands[0]
	for _, sc := range scores {
		if sc.MASE != nil && (out.MASE == nil || *sc.MASE < *out.MASE) {
			out.Method, out.MASE = sc.Method, sc.MASE
		}
	}
	if out.MASE == nil {
		msg := "Storia troppo breve per il backtest: metodo scelto senza verifica."
		if len(scores) > 0 && scores[0].Forecasts > 0 {
			msg = "Serie costante nel periodo di verifica: errore scalato (MASE) non calcolabile."
		}
		if out.Warning != "" {
			msg = out.Warning + " " + msg
		}
		out.Warning = msg
	}
	p, err := predictRaw(out.Method, y, m, opt.Horizon)
	if err != nil {
		return out, fmt.Errorf("serie %q: %w", s.Name, err)
	}
	for _, sc := range scores {
		if sc.Method != out.Method {
			continue
		}
		if sc.Calibrated {
			calibrate(p, sc.q80, sc.q95)
		} else if sc.Forecasts > 0 && sc.Coverage80 != nil {
			msg := fmt.Sprintf("Troppo pochi confronti nel backtest (%d) per calibrare gli intervalli: sono quelli del modello, con copertura osservata nel backtest: %s (intervallo all'80 %%) e %s (al 95 %%).",
				sc.Forecasts, percent(*sc.Coverage80), percent(*sc.Coverage95))
			out.Warning = strings.TrimSpace(out.Warning + " " + msg)
		}
	}
	clampAtZero(p)
	start := time.Date(s.Start.Year(), s.Start.Month(), 1, 0, 0, 0, 0, time.UTC)
	for i := range p.Mean {
		out.Points = append(out.Points, Point{
			Month: start.AddDate(0, T+i, 0).Format("2006-01"),
			Value: p.Mean[i], Lo80: p.Lo80[i], Hi80: p.Hi80[i], Lo95: p.Lo95[i], Hi95: p.Hi95[i],
		})
	}
	return out, nil
}

func backtest(y []float64, m int, cands []Method, minTrain int, opt ForecastOptions) []MethodScore {
	T := len(y)
	first := max(minTrain, T-opt.BacktestOrigins)
	type acc struct {
		scaled                 float64
		n, nScaled, in80, in95 int
		failed                 bool
		scores                 []float64
	}
	accs := make([]acc, len(cands))
	for origin := first; origin < T; origin++ {
		train := y[:origin]
		scale := naiveScale(train, m)
		h := min(opt.BacktestHorizon, T-origin)
		for ci, c := range cands {
			p, err := predictRaw(c, train, m, h)
			if err != nil {
				accs[ci].failed = true
				continue
			}
			for i := 0; i < h; i++ {
				accs[ci].scores = append(accs[ci].scores, conformity(y[origin+i], p, i))
			}
			clampAtZero(p)
			for i := 0; i < h; i++ {
				actual := y[origin+i]
				a := &accs[ci]
				if scale > 0 {
					a.scaled += math.Abs(actual-p.Mean[i]) / scale
					a.nScaled++
				}
				a.n++
				if actual >= p.Lo80[i] && actual <= p.Hi80[i] {
					a.in80++
				}
				if actual >= p.Lo95[i] && actual <= p.Hi95[i] {
					a.in95++
				}
			}
		}
	}
	scores := make([]MethodScore, len(cands))
	for i, c := range cands {
		a := accs[i]
		scores[i] = MethodScore{Method: c, Forecasts: a.n}
		if a.n == 0 || a.failed {
			continue
		}
		c80, c95 := float64(a.in80)/float64(a.n), float64(a.in95)/float64(a.n)
		scores[i].ModelCoverage80, scores[i].ModelCoverage95 = &c80, &c95
		scores[i].Coverage80, scores[i].Coverage95 = &c80, &c95
		scores[i].scores = a.scores
		q80, ok80 := conformalQuantile(a.scores, 0.20)
		q95, ok95 := conformalQuantile(a.scores, 0.05)
		if ok80 && ok95 {
			l80, l95 := leaveOneOutCoverage(a.scores, 0.20), leaveOneOutCoverage(a.scores, 0.05)
			scores[i].Calibrated, scores[i].q80, scores[i].q95 = true, q80, q95
			scores[i].Coverage80, scores[i].Coverage95 = &l80, &l95
		}
		if a.nScaled > 0 {
			mase := a.scaled / float64(a.nScaled)
			scores[i].MASE = &mase
		}
	}
	return scores
}

// halfWidth is the half-width of the model's 95 % interval at step i,
// the scale of its uncertainty at that horizon.
func halfWidth(p Prediction, i int) float64 { return (p.Hi95[i] - p.Lo95[i]) / 2 }

// conformity is the score of an actual value against the forecast of
// step i: its absolute error in units of the model's 95 % half-width at
// that step. Scaling by the model's own width lets the backtest points of
// every horizon (twelve from the first origin, one from the last) be
// pooled, while the calibrated interval still widens with the horizon as
// the model's does. A model that claims no uncertainty scores 0 when
// right and +Inf when wrong.
func conformity(actual float64, p Prediction, i int) float64 {
	e := math.Abs(actual - p.Mean[i])
	switch w := halfWidth(p, i); {
	case w > 0:
		return e / w
	case e < 1e-9:
		return 0
	default:
		return math.Inf(1)
	}
}

// conformalQuantile is the split-conformal quantile of the scores for
// miscoverage alpha: the ⌈(n+1)(1−α)⌉-th smallest score (Vovk, Gammerman
// and Shafer 2005; Angelopoulos and Bates 2023, §1). Not ok when n is too
// small for that rank to exist, or the score is infinite.
func conformalQuantile(scores []float64, alpha float64) (float64, bool) {
	n := len(scores)
	k := int(math.Ceil(float64(n+1)*(1-alpha) - 1e-9))
	if n == 0 || k > n {
		return 0, false
	}
	s := slices.Clone(scores)
	slices.Sort(s)
	q := s[max(k, 1)-1]
	return q, !math.IsInf(q, 1)
}

// leaveOneOutCoverage is the share of backtest points that fall inside
// the interval calibrated on all the other points: the coverage the
// calibration achieves on points it has not seen.
func leaveOneOutCoverage(scores []float64, alpha float64) float64 {
	in := 0
	others := make([]float64, 0, len(scores))
	for j, s := range scores {
		others = append(others[:0], scores[:j]...)
		others = append(others, scores[j+1:]...)
		if q, ok := conformalQuantile(others, alpha); !ok || s <= q {
			in++
		}
	}
	return float64(in) / float64(len(scores))
}

// calibrate replaces the intervals of p with the calibrated ones: the
// mean ± q times the model's 95 % half-width at each step.
func calibrate(p Prediction, q80, q95 float64) {
	for i := range p.Mean {
		w := halfWidth(p, i)
		p.Lo80[i], p.Hi80[i] = p.Mean[i]-q80*w, p.Mean[i]+q80*w
		p.Lo95[i], p.Hi95[i] = p.Mean[i]-q95*w, p.Mean[i]+q95*w
	}
}

func percent(v float64) string { return italian.Number(v*100, 0) + " %" }

// naiveScale is the in-sample mean absolute error of the seasonal naive
// one-step forecast (lag m), or of the naive one (lag 1) when the series is
// shorter than a season and a month.
func naiveScale(y []float64, m int) float64 {
	lag := m
	if len(y) <= m {
		lag = 1
	}
	var sum float64
	n := 0
	for t := lag; t < len(y); t++ {
		sum += math.Abs(y[t] - y[t-lag])
		n++
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

func allPositive(y []float64) bool {
	for _, v := range y {
		if v <= 0 {
			return false
		}
	}
	return true
}

func labelOf[K ~string](m map[K]string, k K) string {
	if l, ok := m[k]; ok {
		return l
	}
	return string(k)
}
