package weights

import (
	"context"
	"fmt"

	"github.com/carico/carico/model"
	"github.com/carico/carico/store"
)

// Set is the calibrated weights as a set for the metrics' comparison.
func (cal *Calibration) Set() model.WeightSet {
	return model.WeightSet{Name: model.SetObserved, Label: "Pesi osservati nel diario", Weights: cal.Weights(),
		Note: fmt.Sprintf("Ore di lavoro sul caso registrate per cartella-anno dal %s al %s, nei mesi con diario adeguato (carico weights).",
			cal.From.Format("02/01/2006"), cal.To.Format("02/01/2006"))}
}

// LoadPanelSet reads a weights file written by `carico weights --panel`
// (or any configuration file) as the panel's set.
func LoadPanelSet(path string) (*model.WeightSet, error) {
	cfg, err := model.LoadConfig(path)
	if err != nil {
		return nil, err
	}
	return &model.WeightSet{Name: model.SetPanel, Label: "Pesi del pannello degli operatori", Weights: cfg.Caseload.Weights,
		Note: "Mediana del tempo adeguato indicato dal pannello degli operatori (" + path + ")."}, nil
}

// Compute runs the model once, calibrates the observed weights on its
// period (once per import: CalibrateCached) and adds the observed set, and the panel's when given, beside
// the standard one (model.Metrics.AddWeightSets): the metrics then carry
// the comparison of the three (Metrics.Weights) and every other figure
// keeps the weights of p.Config.
func Compute(ctx context.Context, db *store.DB, p model.Params, panel *model.WeightSet, opt Options) (*model.Metrics, *Calibration, error) {
	m, err := model.Compute(ctx, db, p)
	if err != nil {
		return nil, nil, err
	}
	cal, err := CalibrateCached(ctx, db, m, opt)
	if err != nil {
		return nil, nil, err
	}
	sets := []model.WeightSet{cal.Set()}
	if panel != nil {
		sets = append(sets, *panel)
	}
	if err := m.AddWeightSets(sets...); err != nil {
		return nil, nil, err
	}
	return m, cal, nil
}
