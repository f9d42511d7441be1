package main

import (
	"path/filepath"

	"github.com/carico/carico/evidence"
	"github.com/carico/carico/model"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/weights"
)

// demoWeights runs the NCSC steps on the sample: from the weights
// calibrated on the diario (cal, the observed set of m), write the panel
// worksheet, fill it with the simulated panel's answers
// (sampledata.FillPanel: an assumption, said in the file), read it back,
// set it in ep and add it to m, so that the evidence shows the three sets
// side by side without running the model again.
func demoWeights(m *model.Metrics, cal *weights.Calibration, ep *evidence.Params, out string, seed int64) ([]string, error) {
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
	if err := m.AddWeightSets(*set); err != nil {
		return nil, err
	}
	return []string{observed, blank, filled, panelPath}, nil
}
