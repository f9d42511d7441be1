package sampledata

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/carico/carico"
)

// File names of the Ambito's exports in SISO's shapes.
const (
	fileSISOCases       = "listaCasi.xls"
	fileSISOAssignments = "siso_assegnazioni.csv"
	fileSISOActivities  = "siso_attivita.csv"
	fileSISOSchede      = "ListaSchede.xls"
	fileSISOIstanze     = "siso_istanze.csv"
	fileSISOOperators   = "siso_operatori.csv"
)

// sisoSchedaLabel is the activity whose entries SISO keeps as schede of
// the segretariato (ListaSchede.xls), without a duration, rather than in
// the diario.
const sisoSchedaLabel = "Segretariato sociale"

// sisoCategories are the social categories' tooltips the SISO exports
// write in «Cat. sociale»: those the built-in profile siso-lista-casi maps.
var sisoCategories = map[carico.Area]string{
	carico.AreaFamily: "Famiglia e minori", carico.AreaDisability: "Disabili", carico.AreaAddiction: "Dipendenze",
	carico.AreaElderly: "Anziani", carico.AreaMigrants: "Immigrati", carico.AreaPoverty: "Povertà ed esclusione sociale",
	carico.AreaMulti: "Multiutenza",
}

// sisoAperto is how long a new case stays in SISO's state «Aperto», with
// an empty «Data apertura», before the presa in carico.
const sisoAperto = 30 * 24 * time.Hour

// WriteSISOExports writes the Ambito as a SISO Ambito would hand it over:
// SISO's own list of cases (listaCasi.xls, BIFF8, every cell text), and
// the assignments and activities that a SISO database administrator
// extracts with the queries of docs/sources/siso.md (CSV). SISO holds no
// population, no working hours and no absences: those files are the
// sample's usual ones, with their profiles; SISO has no quartiere, so no
// quartieri file is written. The SISO files are imported
// with carico's built-in profiles (Export.Builtin), no profile written.
func (a *Ambito) WriteSISOExports(dir string) ([]Export, error) {
	all, err := a.WriteExports(dir)
	if err != nil {
		return nil, err
	}
	var out []Export
	for _, e := range all {
		switch e.Kind {
		case "population", "absences":
			out = append(out, e)
		default: // vendor A's and B's shapes, replaced by SISO's below;
			// the quartieri too, since listaCasi has no quartiere
			for _, p := range []string{e.Path, e.Profile} {
				if err := os.Remove(p); p != "" && err != nil && !os.IsNotExist(err) {
					return nil, err
				}
			}
		}
	}
	var bad []BadRow
	for _, b := range a.Bad {
		switch b.File {
		case filePopulation, fileAbsences:
			bad = append(bad, b)
		case fileStaff: // the same rows, in the operators' extraction
			b.File = fileSISOOperators
			bad = append(bad, b)
		}
	}
	a.Bad = bad
	for _, s := range []struct {
		kind, file, profile string
		write               func(string) error
	}{
		{"staff", fileSISOOperators, "siso-operatori", a.writeSISOOperators},
		{"cases", fileSISOCases, "siso-lista-casi", a.writeSISOCases},
		{"istanze", fileSISOIstanze, "siso-istanze", a.writeSISOIstanze},
		{"assignments", fileSISOAssignments, "siso-assegnazioni", a.writeSISOAssignments},
		{"activities", fileSISOActivities, "siso-attivita", a.writeSISOActivities},
		{"activities", fileSISOSchede, "siso-lista-schede", a.writeSISOSchede},
	} {
		path := filepath.Join(dir, s.file)
		if err := s.write(path); err != nil {
			return nil, fmt.Errorf("write %s: %w", s.file, err)
		}
		out = append(out, Export{Kind: s.kind, Path: path, Builtin: s.profile})
	}
	// In the order they import: the roster before the absences and the
	// diario that name its operators, the cartelle before their istanze.
	rank := map[string]int{"population": 0, "staff": 1, "absences": 2, "cases": 3, "istanze": 4, "assignments": 5, "activities": 6}
	slices.SortStableFunc(out, func(x, y Export) int { return rank[x.Kind] - rank[y.Kind] })
	return out, nil
}

// sisoName is an operator as SISO's anagrafica writes one: «Cognome Nome».
func (a *Ambito) sisoName(id string) string {
	if id == "" { // a cartella never assigned
		return ""
	}
	s := a.opSpec(id)
	return s.surname + " " + s.name
}

// sisoStep writes SISO's «Stato»: the last step of the case's iter and
// its date, «Chiuso-20/11/25 - 16:05».
func sisoStep(state string, t time.Time, minutes int) string {
	return fmt.Sprintf("%s-%s - %02d:%02d", state, t.Format("02/01/06"), 9+minutes/60%8, minutes%60)
}

func (a *Ambito) writeSISOCases(path string) error {
	people := map[string]*Citizen{}
	for i := range a.Citizens {
		people[a.Citizens[i].CF] = &a.Citizens[i]
	}
	rows := [][]string{{"ID", "Cognome - Nome", "Data nascita", "Codice fiscale", "Residenza", "Operatori", "Cat. sociale",
		"Int.", "Erog.", "Data apertura", "Stato"}}
	for _, c := range a.Cases {
		p := people[c.Person]
		h := int(hash(c.ID) % 480)
		opened, state := itDate(c.Opened), sisoStep("Presa in carico", c.Opened, h)
		switch {
		case !c.Closed.IsZero():
			state = sisoStep("Chiuso", c.Closed, h)
		case a.RefDate.Sub(c.Opened) < sisoAperto:
			// Still «Aperto»: SISO leaves «Data apertura» empty.
			opened, state = "", sisoStep("Aperto", c.Opened, h)
		}
		rows = append(rows, []string{c.ID, strings.ToUpper(p.Surname + " " + p.Name), itDate(p.BirthDate), p.CF,
			strings.ToUpper(a.comuneName(c.ISTAT)) + " (BG)", a.sisoName(c.OperatorID), sisoCategories[c.Area],
			fmt.Sprint(h % 4), fmt.Sprint(h % 3), opened, state})
	}
	return writeXLS(path, []xlsSheet{{"ListaCasi", rows}})
}

// writeSISOAssignments writes the extraction of CS_A_CASO_OPE_TIPO_OPE:
// an assignment still in force ends on 31/12/9999, as SISO stores it.
func (a *Ambito) writeSISOAssignments(path string) error {
	f := newCSV(false)
	f.write("CASO_ID", "OPERATORE", "DATA_INIZIO_APP", "DATA_FINE_APP", "FLAG_RESPONSABILE")
	for _, c := range a.Cases {
		for _, as := range c.Assignments {
			to := "31/12/9999"
			if !as.To.IsZero() {
				to = itDate(as.To)
			}
			f.write(c.ID, a.sisoName(as.OperatorID), itDate(as.From), to, "1")
		}
	}
	return os.WriteFile(path, f.bytes(), 0o644)
}

// writeSISOActivities writes the extraction of the diario's activities
// (CS_D_DIARIO joined to CS_D_RELAZIONE): the date with its time, the
// hours spent as SISO stores them («hh:mm»), the organisation (the
// comune) of the recording operator's sector.
func (a *Ambito) writeSISOActivities(path string) error {
	f := newCSV(false)
	f.write("DIARIO_ID", "DT_AMMINISTRATIVA", "OPERATORE", "CASO_ID", "MACRO_ATTIVITA", "ORE_IMPIEGATE", "NUM_OPERATORI", "COMUNE")
	for _, ac := range a.Activities {
		if ac.RawLabel == sisoSchedaLabel {
			continue // a scheda of ListaSchede.xls
		}
		f.write(ac.ID, ac.Date.Format("02/01/2006 15:04"), a.sisoName(ac.OperatorID), ac.CaseID, ac.RawLabel,
			fmt.Sprintf("%02d:%02d", ac.Minutes/60, ac.Minutes%60), "1", "Comune di "+a.comuneName(ac.ISTAT))
	}
	return os.WriteFile(path, f.bytes(), 0o644)
}

// writeSISOSchede writes SISO's list of the segretariato's schede
// (ListaSchede.xls, BIFF8, every cell text): the entries of
// sisoSchedaLabel, without their duration, which SISO does not record;
// the built-in profile gives each its standard duration, as an estimate.
// The person of a scheda is one of the sample's synthetic citizens.
func (a *Ambito) writeSISOSchede(path string) error {
	rows := [][]string{{"ID", "Data Accesso", "Cognome e Nome", "Data di nascita", "Cod. fiscale", "Alias", "Residenza",
		"Punto di Contatto", "Operatore", "Esito intervento", "Stato Car.Soc.", "Data ultima modifica"}}
	for _, ac := range a.Activities {
		if ac.RawLabel != sisoSchedaLabel {
			continue
		}
		p := a.Citizens[hash(ac.ID)%uint64(len(a.Citizens))]
		rows = append(rows, []string{ac.ID, itDate(ac.Date), strings.ToUpper(p.Surname + " " + p.Name), itDate(p.BirthDate), p.CF, "",
			strings.ToUpper(a.comuneName(ac.ISTAT)) + " (BG)", "Sportello sociale", a.sisoName(ac.OperatorID), "Informazione e orientamento",
			"", itDate(ac.Date)})
	}
	return writeXLS(path, []xlsSheet{{"ListaSchede", rows}})
}

// sisoProcedures are the types of intervention an istanza asks for, by
// area, as SISO's catalogue names them.
var sisoProcedures = map[carico.Area]string{
	carico.AreaFamily: "Contributo economico", carico.AreaDisability: "Assistenza domiciliare (SAD)",
	carico.AreaAddiction: "Contributo economico", carico.AreaElderly: "Assistenza domiciliare (SAD)",
	carico.AreaMigrants: "Contributo economico", carico.AreaPoverty: "Contributo economico",
	carico.AreaMulti: "Inserimento in struttura",
}

// writeSISOIstanze writes the extraction of the istanze
// (CS_I_INTERVENTO_ESEG_MAST with the decisions of CS_FLG_INTERVENTO): the
// sample's one istanza per cartella that has one, with a protocol number
// and a type of intervention.
func (a *Ambito) writeSISOIstanze(path string) error {
	f := newCSV(false)
	f.write("CASO_ID", "DATA_DOMANDA", "PROTOCOLLO", "TIPO_INTERVENTO", "DATA_DECISIONE", "ESITO")
	for _, c := range a.Cases {
		if c.Application.IsZero() {
			continue
		}
		outcome := ""
		if !c.Decision.IsZero() {
			outcome = "Accolta"
			if hash(c.ID)%5 == 0 {
				outcome = "Respinta"
			}
		}
		f.write(c.ID, itDate(c.Application), fmt.Sprintf("%d/%05d", c.Application.Year(), hash(c.ID)%100000),
			sisoProcedures[c.Area], itDate(c.Decision), outcome)
	}
	return os.WriteFile(path, f.bytes(), 0o644)
}

// writeSISOOperators writes the extraction of SISO's operators
// (CS_O_OPERATORE with their anagrafica, type and ente) as the personnel
// office completes it: SISO has no matricola, hours, contract, period or
// share, so those columns are the roster's. One row per operator, contract
// period and comune, as the roster.
func (a *Ambito) writeSISOOperators(path string) error {
	f := newCSV(false)
	f.write("USERNAME", "OPERATORE", "TIPO_OPERATORE", "ENTE", "MATRICOLA", "ORE_SETTIMANALI", "CONTRATTO", "DATA_INIZIO", "DATA_FINE",
		"QUOTA", "DATORE_LAVORO", "SERVIZI_SOCIALI")
	for _, p := range a.Periods {
		s := a.opSpec(p.OperatorID)
		social := "Sì"
		if !*p.SocialServices {
			social = "No"
		}
		f.write(strings.ToLower(s.name[:1]+s.surname), a.sisoName(p.OperatorID), s.label, "Comune di "+a.comuneName(p.ISTAT), p.OperatorID,
			itDecimal(p.WeeklyHours), p.Contract.Label(), itDate(p.Start), itDate(p.End), itDecimal(p.Share*100)+"%",
			employerLabels[p.Employer], social)
	}
	return os.WriteFile(path, f.bytes(), 0o644)
}
