package sampledata

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/carico/carico"
	"github.com/xuri/excelize/v2"
)

// panelReasons are the reasons the simulated participants give, by
// complexity (1–3).
var panelReasons = [4][]string{
	1: {"colloqui di verifica almeno trimestrali", "aggiornamento della cartella e del progetto individuale"},
	2: {"visite domiciliari periodiche", "raccordo con i servizi specialistici e con la scuola", "progetto individuale da rivedere ogni sei mesi"},
	3: {"équipe multiprofessionali mensili", "relazioni all'Autorità giudiziaria", "visite domiciliari frequenti e spostamenti tra comuni", "rete con ATS, NPIA e terzo settore"},
}

// FillPanel answers the panel worksheet at path as a simulated panel of
// five social workers would, and saves it. ASSUMPTION, not data: each
// participant asks for more time than the diario records — 10–30 % more for
// bassa complexity, 20–50 % for media, 40–90 % for alta — since the diario
// records the time found, not the time the work needs (the NCSC quality
// adjustment mostly adds time for the most complex cases).
func FillPanel(path string, seed int64) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	const sheet = "Pannello pesi"
	rows, err := f.GetRows(sheet)
	if err != nil {
		return err
	}
	header, proposal, first := -1, -1, -1
	for i, r := range rows {
		for j, h := range r {
			switch {
			case h == "Codice area":
				header = i
			case h == "Peso calibrato (proposta)":
				proposal = j
			case strings.HasPrefix(h, "Tempo adeguato") && first < 0:
				first = j
			}
		}
		if header >= 0 {
			break
		}
	}
	if header < 0 || proposal < 0 || first < 0 {
		return fmt.Errorf("pannello %s: intestazioni non trovate", path)
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	lo := [4]float64{1: 1.1, 2: 1.2, 3: 1.4}
	hi := [4]float64{1: 1.3, 2: 1.5, 3: 1.9}
	for i, r := range rows[header+1:] {
		if len(r) <= proposal || len(r) < 3 {
			continue
		}
		cx := carico.ParseComplexity(r[2])
		base, err := strconv.ParseFloat(r[proposal], 64)
		if cx == 0 || err != nil {
			continue
		}
		line := header + 2 + i
		for p := range 5 {
			v := base * (lo[cx] + rng.Float64()*(hi[cx]-lo[cx]))
			cell, _ := excelize.CoordinatesToCellName(first+1+p, line)
			if err := f.SetCellValue(sheet, cell, float64(int(v*2+0.5))/2); err != nil {
				return err
			}
		}
		reasons := panelReasons[cx]
		cell, _ := excelize.CoordinatesToCellName(first+1+6, line)
		if err := f.SetCellValue(sheet, cell, reasons[rng.IntN(len(reasons))]+"; "+reasons[rng.IntN(len(reasons))]); err != nil {
			return err
		}
	}
	return f.Save()
}
