"""Reference Holt-Winters numbers for holtwinters_test.go (not run in CI).

Produces testdata/hw_reference.json from testdata/airpassengers.csv with
statsmodels' ExponentialSmoothing (Debian package python3-statsmodels
0.13.5+dfsg-7):

    python3 testdata/hw_reference.py > testdata/hw_reference.json

The initial state is passed as "known" and computed with the same heuristic
as planning.HeuristicInit (level = mean of the first year, trend = mean
year-on-year change / 12, seasonal indices = first year minus / divided by
the level), so that the fixed-parameter cases compare the recursions alone
and the optimised cases compare the optimisers on the same objective.
"""
import json

import numpy as np
from statsmodels.tsa.holtwinters import ExponentialSmoothing

rows = [l for l in open("testdata/airpassengers.csv") if not l.startswith("#")][1:]
y = np.array([float(x) for r in rows for x in r.strip().split(",")[1:]])
m = 12
H = 24


def init(seasonal):
    l0 = y[:m].mean()
    b0 = ((y[m:2 * m] - y[:m]) / m).mean()
    s0 = y[:m] / l0 if seasonal == "mul" else y[:m] - l0
    return l0, b0, s0


def model(seasonal, damped, method="known"):
    l0, b0, s0 = init(seasonal)
    known = {}
    if method == "known":
        known = dict(initial_level=l0, initial_trend=b0, initial_seasonal=s0)
    return ExponentialSmoothing(
        y, trend="add", damped_trend=damped, seasonal=seasonal, seasonal_periods=m,
        initialization_method=method, bounds={"damping_trend": (0.8, 0.98)}, **known,
    )


variants = [("add", False), ("add", True), ("mul", False), ("mul", True)]
out = {"source": "statsmodels 0.13.5 ExponentialSmoothing, AirPassengers 1949-1960",
       "fixed": [], "optimised": []}
for seasonal, damped in variants:
    l0, b0, s0 = init(seasonal)
    fixed = dict(smoothing_level=0.3, smoothing_trend=0.05, smoothing_seasonal=0.2)
    if damped:
        fixed["damping_trend"] = 0.95
    r = model(seasonal, damped).fit(optimized=False, **fixed)
    # statsmodels 0.13.5 forecasts horizons that are multiples of m with the
    # seasonal factor of one season too early (statsmodels issue #9538, fixed
    # by PR #10230). forecast_fpp applies FPP's formula to statsmodels' own
    # final state: y(T+h) = l_T + (phi + ... + phi^h) b_T  (+ or x)  s_{T+h-m(k+1)}.
    phi = 0.95 if damped else 1.0
    lT, bT, season = r.level[-1], r.trend[-1], r.season
    fpp = []
    for h in range(1, H + 1):
        k = (h - 1) // m
        sh = season[len(y) + h - m * (k + 1) - 1]
        base = lT + sum(phi ** j for j in range(1, h + 1)) * bT
        fpp.append(base * sh if seasonal == "mul" else base + sh)
    out["fixed"].append({
        "seasonal": seasonal, "damped": damped,
        "alpha": 0.3, "beta": 0.05, "gamma": 0.2, "phi": 0.95 if damped else 1.0,
        "level0": l0, "trend0": b0, "season0": list(s0),
        "sse": r.sse, "fitted": list(r.fittedvalues), "forecast": list(r.forecast(H)), "forecast_fpp": fpp,
    })
    # statsmodels 0.13 treats "known" initial values as starting values when
    # optimising; "estimated" with fix_params holds the initial state, so only
    # the smoothing parameters (and φ) are estimated, as in planning.FitHW.
    mod = model(seasonal, damped, "estimated")
    held = {"initial_level": l0, "initial_trend": b0}
    held.update({f"initial_seasonal.{i}": v for i, v in enumerate(s0)})
    with mod.fix_params(held):
        r = mod.fit(optimized=True)
    p = r.params
    out["optimised"].append({
        "seasonal": seasonal, "damped": damped,
        "alpha": p["smoothing_level"], "beta": p["smoothing_trend"],
        "gamma": p["smoothing_seasonal"], "phi": p["damping_trend"] if damped else 1.0,
        "level0": r.params["initial_level"], "sse": r.sse,
    })
print(json.dumps(out, indent=1))
