package planning

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/optimize"
)

// Seasonality is the form of the seasonal component of Holt-Winters.
type Seasonality int

// The seasonal forms.
const (
	Additive       Seasonality = iota // y = level + trend + season
	Multiplicative                    // y = (level + trend) × season
)

// HWParams are the smoothing parameters of Holt-Winters in the component
// form of Hyndman & Athanasopoulos, FPP §8.3 (also statsmodels'
// ExponentialSmoothing): Alpha smooths the level, Beta the trend (β*, the
// share of the level change taken into the trend), Gamma the season, Phi
// damps the trend (1 = undamped).
type HWParams struct {
	Alpha, Beta, Gamma, Phi float64
}

// HWInit is the initial state: level, trend and the m seasonal indices of
// the season before the first observation.
type HWInit struct {
	Level, Trend float64
	Season       []float64
}

// HWModel is a Holt-Winters model with additive trend (optionally damped).
type HWModel struct {
	Seasonality Seasonality
	Damped      bool
	Period      int
	Params      HWParams
	Init        HWInit
}

// HWFit is the result of running the recursions over a series.
type HWFit struct {
	Fitted []float64 // one-step-ahead predictions ŷ_t|t−1
	SSE    float64
	// Final state after the last observation.
	Level, Trend float64
	Season       []float64 // the last m seasonal indices, oldest first
}

// HeuristicInit is the classic initialisation of Holt-Winters (Hyndman et
// al. 2008, §2.6.1 simplified; statsmodels' initial_values with the level
// taken over the first season): level = mean of the first season, trend =
// mean of the season-on-season changes of the first two seasons ÷ m,
// seasonal indices = first season minus (or divided by) the level.
// It needs two full seasons.
func HeuristicInit(y []float64, m int, s Seasonality) (HWInit, error) {
	if len(y) < 2*m {
		return HWInit{}, errors.New("servono almeno due stagioni complete di dati")
	}
	var level, trend float64
	for i := 0; i < m; i++ {
		level += y[i]
		trend += (y[m+i] - y[i]) / float64(m)
	}
	level /= float64(m)
	trend /= float64(m)
	season := make([]float64, m)
	for i := range season {
		if s == Multiplicative {
			season[i] = y[i] / level
		} else {
			season[i] = y[i] - level
		}
	}
	return HWInit{Level: level, Trend: trend, Season: season}, nil
}

// Run applies the recursions to y (FPP §8.3, damped form §8.4):
//
//	ℓ_t = α(y_t − s_{t−m}) + (1−α)(ℓ_{t−1} + φb_{t−1})          additive
//	ℓ_t = α y_t / s_{t−m} + (1−α)(ℓ_{t−1} + φb_{t−1})           multiplicative
//	b_t = β(ℓ_t − ℓ_{t−1}) + (1−β)φb_{t−1}
//	s_t = γ(y_t − ℓ_{t−1} − φb_{t−1}) + (1−γ)s_{t−m}            additive
//	s_t = γ y_t / (ℓ_{t−1} + φb_{t−1}) + (1−γ)s_{t−m}           multiplicative
func (md HWModel) Run(y []float64) HWFit {
	season := append([]float64(nil), md.Init.Season...)
	fit := HWFit{Fitted: make([]float64, len(y))}
	fit.Level, fit.Trend, fit.SSE = md.recurse(y, season, fit.Fitted)
	m, n := md.Period, len(y)
	fit.Season = make([]float64, m)
	for i := range fit.Season {
		fit.Season[i] = season[(n+i)%m]
	}
	return fit
}

// recurse runs the recursions over y, updating season in place (indexed by
// t mod m) and writing the one-step predictions into fitted when it is not
// nil; it returns the final level and trend and the SSE. The optimiser
// calls it with a reused season buffer and no fitted slice, so the
// thousands of evaluations of a fit allocate nothing.
func (md HWModel) recurse(y, season, fitted []float64) (level, trend, sse float64) {
	m := md.Period
	a, b, g := md.Params.Alpha, md.Params.Beta, md.Params.Gamma
	phi := md.phi()
	level, trend = md.Init.Level, md.Init.Trend
	for t, v := range y {
		s := season[t%m]
		prev := level
		base := level + phi*trend
		var pred float64
		if md.Seasonality == Multiplicative {
			pred = base * s
			level = a*v/s + (1-a)*base
			season[t%m] = g*v/base + (1-g)*s
		} else {
			pred = base + s
			level = a*(v-s) + (1-a)*base
			season[t%m] = g*(v-base) + (1-g)*s
		}
		trend = b*(level-prev) + (1-b)*phi*trend
		if fitted != nil {
			fitted[t] = pred
		}
		sse += (v - pred) * (v - pred)
	}
	return level, trend, sse
}

func (md HWModel) phi() float64 {
	if md.Damped {
		return md.Params.Phi
	}
	return 1
}

// Forecast gives the point forecasts for h steps after the fit:
// ŷ_{T+h} = ℓ_T + (φ + … + φ^h) b_T, plus (or times) the seasonal index of
// the same month in the last season.
func (md HWModel) Forecast(fit HWFit, h int) []float64 {
	phi := md.phi()
	out := make([]float64, h)
	damp := 0.0
	pow := 1.0
	for i := range out {
		pow *= phi
		damp += pow
		base := fit.Level + damp*fit.Trend
		s := fit.Season[i%md.Period]
		if md.Seasonality == Multiplicative {
			out[i] = base * s
		} else {
			out[i] = base + s
		}
	}
	return out
}

// Bounds of the damping parameter: FPP §8.4 recommends φ ≥ 0.8 (below, the
// damping is so strong the trend vanishes at once) and φ ≤ 0.98 (above, it
// cannot be told from an undamped trend).
const (
	phiMin = 0.8
	phiMax = 0.98
)

// FitHW estimates α, β, γ (and φ when damped) by minimising the SSE of the
// one-step predictions with Nelder-Mead (gonum/optimize). The parameters are
// kept inside their bounds by a unit transform; the initial state is the
// heuristic one. Several deterministic starting points guard against local
// minima; the best is kept.
func FitHW(y []float64, m int, s Seasonality, damped bool) (HWModel, HWFit, error) {
	init, err := HeuristicInit(y, m, s)
	if err != nil {
		return HWModel{}, HWFit{}, err
	}
	if s == Multiplicative {
		for _, v := range y {
			if v <= 0 {
				return HWModel{}, HWFit{}, errors.New("la stagionalità moltiplicativa richiede valori positivi")
			}
		}
		for _, v := range init.Season {
			if v <= 0 {
				return HWModel{}, HWFit{}, errors.New("la stagionalità moltiplicativa richiede valori positivi")
			}
		}
	}
	md := HWModel{Seasonality: s, Damped: damped, Period: m, Init: init}
	// Admissible region of the component form (FPP §8.3): 0 < α < 1,
	// 0 < β < 1, 0 < γ < 1 − α; φ in [phiMin, phiMax]. Each parameter is the
	// image of an unbounded one under u = (1 − cos x)/2, γ scaled by 1 − α.
	// Unlike the unit, this map reaches the bounds (optima often sit on
	// them, β = 0 or γ = 1 − α) and stays smooth there.
	unit := func(v float64) float64 { return (1 - math.Cos(v)) / 2 }
	unitInv := func(u float64) float64 { return math.Acos(1 - 2*u) }
	decode := func(x []float64) HWParams {
		p := HWParams{Alpha: unit(x[0]), Beta: unit(x[1]), Phi: 1}
		p.Gamma = (1 - p.Alpha) * unit(x[2])
		if damped {
			p.Phi = phiMin + (phiMax-phiMin)*unit(x[3])
		}
		return p
	}
	encode := func(p HWParams) []float64 {
		x := []float64{unitInv(p.Alpha), unitInv(p.Beta), unitInv(p.Gamma / (1 - p.Alpha))}
		if damped {
			x = append(x, unitInv((p.Phi-phiMin)/(phiMax-phiMin)))
		}
		return x
	}
	buf := make([]float64, m)
	sse := func(x []float64) float64 {
		trial := md
		trial.Params = decode(x)
		copy(buf, init.Season)
		_, _, f := trial.recurse(y, buf, nil)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return math.MaxFloat64
		}
		return f
	}
	starts := []HWParams{
		{Alpha: 0.3, Beta: 0.05, Gamma: 0.1, Phi: 0.9},
		{Alpha: 0.7, Beta: 0.1, Gamma: 0.2, Phi: 0.95},
		{Alpha: 0.1, Beta: 0.01, Gamma: 0.5, Phi: 0.85},
		{Alpha: 0.5, Beta: 0.3, Gamma: 0.05, Phi: 0.9},
		{Alpha: 0.2, Beta: 0.02, Gamma: 0.7, Phi: 0.97},
	}
	best := math.MaxFloat64
	var bestX []float64
	for _, st := range starts {
		p := optimize.Problem{Func: sse}
		res, err := optimize.Minimize(p, encode(st), &optimize.Settings{
			MajorIterations: 2000,
			Converger:       &optimize.FunctionConverge{Absolute: 1e-10, Relative: 1e-12, Iterations: 200},
		}, &optimize.NelderMead{})
		if err != nil && res == nil {
			continue
		}
		if res.F < best {
			best, bestX = res.F, res.X
		}
	}
	if bestX == nil {
		return HWModel{}, HWFit{}, errors.New("stima di Holt-Winters non riuscita")
	}
	md.Params = decode(bestX)
	return md, md.Run(y), nil
}

// psiWeights gives the coefficients c_1 … c_{h−1} of the additive model's
// forecast error, y_{T+j} − ŷ_{T+j} = ε_{T+j} + Σ c_i ε_{T+j−i}, so that the
// forecast variance is σ²(1 + Σ c_i²) (Hyndman et al. 2008, §6.1; FPP
// Table 8.8 gives the closed form for the undamped case). They are read off
// the linear recursions by injecting one unit error and propagating it with
// no further errors: in error-correction form ℓ += φb + αε, b = φb + αβε,
// s_{t} = s_{t−m} + γε.
func (md HWModel) psiWeights(h int) []float64 {
	m := md.Period
	phi := md.phi()
	a, b, g := md.Params.Alpha, md.Params.Beta, md.Params.Gamma
	season := make([]float64, m)
	// Unit error at step 0.
	level := a
	trend := a * b
	season[0] = g
	c := make([]float64, 0, h)
	for j := 1; j < h; j++ {
		c = append(c, level+phi*trend+season[j%m])
		// No error afterwards: the states evolve deterministically.
		level += phi * trend
		trend *= phi
	}
	return c
}
