// Package planning answers the Ufficio di Piano's forward-looking questions
// from the Ambito's own cartella data:
//
//   - forecast: monthly new cases and open caseload 12–36 months ahead with
//     80 % and 95 % prediction intervals, the method chosen by a rolling-origin
//     backtest and its MASE shown beside the forecast;
//   - zones: k contiguous territorial zones with balanced weighted workload,
//     the Comune di Crema's 2013 micro-équipe model (seed 004), compared with
//     the current split and sized in FTE by role;
//   - scenarios: what-if staffing, population and arrivals changes recomputing
//     the LEPS ratio, contribution, social workers' WISN ratio and caseload
//     per FTE, with the annual cost of added staff net of the state
//     contribution; by default, the hires that reach 1:5,000 and 1:4,000.
//
// The algorithms take plain slices and structs; source.go is the only file
// that reads the store, so every computation can be tested on hand-built
// inputs. The baseline is taken from the workload model's result
// (NewBaseline), never computed a second time.
package planning
