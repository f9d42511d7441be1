package main

import (
	"context"
	"path/filepath"

	"github.com/carico/carico/evidence"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
	"github.com/carico/carico/weights"
)

// demoWeights runs the NCSC steps on the sample: calibrate the weights on
// the diario, write the panel worksheet, fill it with the simulated
// panel's answers (sampledata.FillPanel: an assumption, said in the file),
// read it back, and set it in ep, so that the evidence shows the three
// sets side by side.
func demoWeights(ctx context.Context, db *store.DB, ep *evidence.Params, out string, seed int64) ([]string, error) {
	m, err := evidence.Workload(ctx, db, *ep)
	if err != nil {
		return nil, err
	}
	cal, err := weights.Calibrate(ctx, db, m, weights.Options{})
	if err != nil {
		return nil, err
	}
	observed := filepath.Join(out, "pesi-osservati.toml")
	if err := writeWeightsFile(observed, cal.Header(), cal.CalibrationRows()); err != nil {
		return nil, err
	}
	blank := filepath.Join(out, "pannello-pesi.xlsx")
	if err := weights.WritePanel(blank, cal); err != nil {
		return nil, err
	}
	filled := filepath.Join(out, "pannello-pesi-compilato-esempio.xlsx")
	if err := weights.WritePanel(filled, cal); err != nil {
		return nil, err
	}
	if err := sampledata.FillPanel(filled, seed); err != nil {
		return nil, err
	}
	panel, err := weights.ReadPanel(filled)
	if err != nil {
		return nil, err
	}
	panelPath := filepath.Join(out, "pesi-pannello.toml")
	if err := writeWeightsFile(panelPath, weights.PanelHeader(cal, panel), weights.PanelRowsTOML(weights.Adjust(cal, panel))); err != nil {
		return nil, err
	}
	set, err := weights.LoadPanelSet(panelPath)
	if err != nil {
		return nil, err
	}
	set.Note = "Mediana del tempo adeguato di un pannello SIMULATO di cinque assistenti sociali (dati di esempio: " + filepath.Base(filled) + ")."
	ep.PanelWeights = set
	return []string{observed, blank, filled, panelPath}, nil
}
