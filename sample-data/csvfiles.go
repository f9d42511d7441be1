package sampledata

import (
	"fmt"
	"strconv"

	"github.com/carico/carico"
)

// writePopulation writes the ISTAT-like population table: codes with their
// leading zeros, residents at 1 January with thousands separators, and the
// patron-saint day the Ambito adds for the working calendar.
func (a *Ambito) writePopulation(path string) error {
	f := newCSV(false)
	f.write("Codice Istat", "Comune", "Provincia", "Ambito", "Anno", "Residenti al 1° gennaio", "Festa patronale")
	for _, r := range a.Residents {
		c := a.comuneSpec(r.ISTAT)
		patron := ""
		for _, cc := range a.Comuni { // by code: a Subset keeps some comuni only
			if cc.ISTAT == r.ISTAT && cc.PatronDay > 0 {
				patron = fmt.Sprintf("%02d/%02d", cc.PatronDay, cc.PatronMonth)
			}
		}
		f.write(c.istat, c.name, province, ambitoName, strconv.Itoa(r.Year), itThousands(r.Residents), patron)
	}
	return writeFile(path, f.bytes())
}

// writeStaff writes the roster: UTF-8 with a byte-order mark, one row per
// operator and comune, names surname first, hours with a decimal comma,
// shares as percentages.
func (a *Ambito) writeStaff(path string) error {
	f := newCSV(true)
	f.write("Matricola", "Cognome e nome", "Qualifica", "Ore settimanali", "Contratto", "Data assunzione", "Data cessazione", "Comune", "Quota %",
		"Datore di lavoro", "Servizi sociali")
	for _, p := range a.Periods {
		s := a.opSpec(p.OperatorID)
		social := "Sì"
		if !*p.SocialServices {
			social = "No"
		}
		f.write(p.OperatorID, s.surname+" "+s.name, s.label, itDecimal(p.WeeklyHours), p.Contract.Label(), itDate(p.Start), itDate(p.End),
			a.comuneName(p.ISTAT), itDecimal(p.Share*100)+"%", employerLabels[p.Employer], social)
	}
	return writeFile(path, append([]byte("\ufeff"), f.bytes()...))
}

// employerLabels are the employers as the roster writes them.
var employerLabels = map[carico.Employer]string{
	carico.EmployerComune:           "Comune",
	carico.EmployerAssociation:      "Consorzio dei comuni dell'Ambito",
	carico.EmployerHealthReimbursed: "ASST Bergamo Est (costo rimborsato)",
	carico.EmployerHealth:           "ASST Bergamo Est",
}

// writeAbsences writes the days of leave per operator and year.
func (a *Ambito) writeAbsences(path string) error {
	f := newCSV(false)
	f.write("Matricola", "Anno", "Giorni ferie", "Giorni malattia", "Altre assenze")
	for _, ab := range a.Absences {
		f.write(ab.OperatorID, strconv.Itoa(ab.Year), itDecimal(ab.LeaveDays), itDecimal(ab.SickDays), itDecimal(ab.OtherDays))
	}
	return writeFile(path, f.bytes())
}

// writeZones writes the adjacency of Seriate's quartieri, both directions.
// The quartieri are synthetic, as the file name says.
func (a *Ambito) writeZones(path string) error {
	f := newCSV(false)
	f.write("Quartiere", "Confinante")
	for _, p := range a.Adjacency {
		f.write(p[0], p[1])
		f.write(p[1], p[0])
	}
	return writeFile(path, f.bytes())
}
