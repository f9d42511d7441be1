package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/carico/carico/model"
	"github.com/carico/carico/weights"
)

// panelWeightsFlag registers --panel-weights, as metrics, report and
// statement spell it.
func panelWeightsFlag(fs *flag.FlagSet) *string {
	return fs.String("panel-weights", "", "`FILE` dei pesi del pannello (scritto da carico weights --panel), da confrontare con i pesi standard e osservati")
}

// loadPanelSet reads --panel-weights; an empty path is no panel.
func loadPanelSet(path string) (*model.WeightSet, error) {
	if path == "" {
		return nil, nil
	}
	return weights.LoadPanelSet(path)
}

// writeSensitivity prints the staffing need and the distribution of load
// statuses under each weight set.
func writeSensitivity(w io.Writer, ws model.WeightSensitivity) {
	fmt.Fprintln(w, "SENSIBILITÀ AI PESI DELLE CARTELLE")
	fmt.Fprintln(w, "Pesi\tIn uso\tFTE necessari (carico ponderato)\tFTE effettivi\tRapporto\tFTE necessari (WISN)\tRapporto WISN\tOperatori adeguati\tattenzione\tcritici\t")
	for _, s := range ws.Sets {
		inUse := ""
		if s.InUse {
			inUse = "sì"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t\n", s.Label, inUse, model.FormatFTE(s.RequiredFTE), model.FormatFTE(s.ActualFTE), optNum(s.Ratio, 2),
			model.FormatFTE(s.WISN.RequiredFTE), optNum(s.WISN.Ratio, 2),
			s.Statuses[model.StatusOK], s.Statuses[model.StatusWarning], s.Statuses[model.StatusCritical])
	}
	var names []string
	for _, s := range ws.Sets {
		names = append(names, strings.ToLower(s.Label))
	}
	fmt.Fprintf(w, "Stessi dati, stesse soglie: cambiano solo i pesi (%s).\n\n", strings.Join(names, "; "))
}
