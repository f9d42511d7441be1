package sampledata

import (
	"fmt"
	"path/filepath"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// diaryNotes are the harmless free-text notes of vendor A's diario. Some
// carry the delimiter, quotes or a line break, as real notes do.
var diaryNotes = []string{
	"Concordato nuovo appuntamento",
	"Contatto con ATS per aggiornamento",
	"Verifica documentazione ISEE",
	"Nessuna criticità emersa",
	`Riferisce "situazione stabile"; da risentire a fine mese`,
	"Inviata mail al servizio; in attesa di risposta",
	"Aggiornato il progetto individualizzato\nProssima verifica tra tre mesi",
	"Presenti anche i familiari",
	"Annullato e riprogrammato",
	"Consegnato modulo per l'Assegno di inclusione",
}

// writeDiary writes vendor A's diario export for the days from..to:
// Windows-1252, ';', CRLF, dates dd/mm/yyyy with the time in its own
// column, durations h:mm, operators as "ROSSI MARIA", the vendor's own
// activity labels and comune spellings. The earlier export carries the
// deliberately broken rows, a blank row and minutes that the later export
// corrects; both end with a totals row.
func (a *Ambito) writeDiary(path string, from, to time.Time, early bool) error {
	base := filepath.Base(path)
	revised := map[string]int{}
	for _, r := range a.Revised {
		revised[r.ActivityID] = r.OldMinutes
	}
	f := newCSV(true)
	header := []string{"ID intervento", "Data", "Ora", "Operatore", "N. cartella", "Tipo intervento", "Durata", "Comune", "Note"}
	f.write(header...)

	names := a.upperNames()
	var rows [][]string
	drawn := 0 // rows before the board's plants (the broken rows go among them)
	for i, ac := range a.Activities {
		if ac.Date.Before(from) || !ac.Date.Before(to.AddDate(0, 0, 1)) {
			continue
		}
		mins := ac.Minutes
		if old, ok := revised[ac.ID]; ok && early {
			mins = old
		}
		note := ""
		if h := hash(ac.ID); h%7 == 0 {
			note = diaryNotes[(h/7)%uint64(len(diaryNotes))]
		}
		if i < len(a.Activities)-a.plantedActs {
			drawn++
		}
		rows = append(rows, []string{ac.ID, itDate(ac.Date), ac.Date.Format("15:04"), names[ac.OperatorID],
			ac.CaseID, ac.RawLabel, hmm(mins), a.comuneSpec(ac.ISTAT).diario, note})
	}

	// Broken rows, each a copy of a real row with a fresh ID and one defect.
	type defect struct {
		at      float64 // position in the file, as a fraction of the rows
		col     int     // -1: blank row
		value   string
		problem string
		col2    int // a second bad cell, when > 0
		value2  string
	}
	var defects []defect
	if early {
		defects = []defect{
			{0.10, 1, "31/02/2024", "impossible date", 0, ""},
			{0.25, 3, "", "empty operator", 0, ""},
			{0.40, 6, "abc", "duration is not a duration", 0, ""},
			{0.55, 5, "Attività varie (da classificare)", "activity label the profile does not map", 0, ""},
			{0.70, -1, "", "blank row", 0, ""},
		}
		if a.doubleFault {
			defects = append(defects, defect{0.85, 1, "30/02/2025", "impossible date and duration is not a duration", 6, "x:y"})
		}
	}
	next := 0
	total := 0
	for i, row := range rows {
		for next < len(defects) && i == int(defects[next].at*float64(drawn)) {
			d := defects[next]
			next++
			if d.col < 0 {
				line := f.write(make([]string, len(header))...)
				a.Bad = append(a.Bad, BadRow{File: base, Line: line, Problem: d.problem, Skipped: true})
				continue
			}
			bad := append([]string(nil), row...)
			bad[0] = fmt.Sprint(9000001 + next)
			bad[d.col] = d.value
			if d.col2 > 0 {
				bad[d.col2] = d.value2
			}
			bad[8] = ""
			line := f.write(bad...)
			a.Bad = append(a.Bad, BadRow{File: base, Line: line, Column: header[d.col], Value: d.value, Problem: d.problem})
			if d.col2 > 0 {
				a.Bad = append(a.Bad, BadRow{File: base, Line: line, Column: header[d.col2], Value: d.value2, Problem: d.problem})
			}
		}
		f.write(row...)
		total += parseHmm(row[6])
	}
	line := f.write(fmt.Sprintf("Totale interventi: %d", len(rows)), "", "", "", "", "", hmm(total), "", "")
	a.Bad = append(a.Bad, BadRow{File: base, Line: line, Column: header[0], Value: fmt.Sprintf("Totale interventi: %d", len(rows)),
		Problem: "totals row", Skipped: true})

	b, err := charmap.Windows1252.NewEncoder().Bytes(f.bytes())
	if err != nil {
		return fmt.Errorf("encode Windows-1252: %w", err)
	}
	return writeFile(path, b)
}

func parseHmm(s string) int {
	var h, m int
	fmt.Sscanf(s, "%d:%d", &h, &m)
	return h*60 + m
}
