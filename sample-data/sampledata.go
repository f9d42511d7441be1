// Package sampledata generates a deterministic, realistic synthetic Ambito
// territoriale — the real comuni of the Ambito di Seriate (Bergamo) with
// synthetic staff, citizens, cartelle and diario — and writes it as the messy
// exports that cartella software really produces.
//
// It exists so that the demo and the tests go through the real import path:
// the exports are what a user would hand to carico, and the Ambito returned
// by Generate is the ground truth the imported figures are checked against.
// The package produces files and ground truth only; it imports no other
// layer of carico but the root vocabulary.
//
// Everything is driven by one seed (math/rand/v2, PCG): the same seed gives
// the same records and the same bytes in every export.
package sampledata

import (
	"time"

	"github.com/carico/carico"
)

// DefaultSeed is the seed of the demo and of the bundled sample.
const DefaultSeed int64 = 20251231

// Ambito is a generated Ambito territoriale with its ground truth.
type Ambito struct {
	Name              string
	From, To, RefDate time.Time // period of the diario and reference date of the cartelle export

	Comuni      []carico.Comune
	Residents   []carico.Residents
	Operators   []carico.Operator
	Allocations []carico.Allocation
	// Periods are the contract periods the roster lists, one per operator,
	// period and comune; Operators and Allocations hold the latest.
	Periods  []carico.ContractPeriod
	Absences []carico.Absence
	// Reductions are the capacity register the personnel office exports;
	// Protected is the ground truth of the capacity and protected-time
	// plants.
	Reductions []carico.Reduction
	Protected  Protected
	// Board is the ground truth of the allocation board's plants: the
	// cartelle nobody holds, the overload runs.
	Board Board

	// Citizens are the synthetic people behind the cases, with valid codici
	// fiscali. They exist only in the exports and in this ground truth.
	Citizens []Citizen
	// Cases are the cartelle listed in the cartelle export: every case open at
	// From or opened since. Case.Person is the citizen's codice fiscale in
	// clear — test-only ground truth; the store keeps a keyed pseudonym.
	Cases      []carico.Case
	Activities []carico.Activity // diario entries From..To, with the final (corrected) minutes

	// Zones are the quartieri of the largest comune (synthetic, labelled so)
	// carried on its cases; Adjacency lists each pair of neighbours once.
	Zones     []Zone
	Adjacency [][2]string

	// Bad lists the rows deliberately broken or to be skipped in the exports;
	// WriteExports fills it, since lines are known only once written. They
	// are extra rows: the ground truth above holds none of them.
	Bad []BadRow

	extra *extraNames // the comuni and operators a Large Ambito adds
	// plantedCases and plantedActs count the cartelle and diario entries
	// the board's plants appended at the end of Cases and Activities: the
	// exports place their broken rows among the others, where they were
	// before the plants.
	plantedCases, plantedActs int
	// Revised lists the diario entries whose duration the later, overlapping
	// diario export corrects; Activities holds the corrected minutes.
	Revised []Revision

	// doubleFault adds a diario line with two bad cells (see Shape).
	doubleFault bool
}

// Citizen is a synthetic person.
type Citizen struct {
	CF         string // codice fiscale with a valid check character
	Surname    string
	Name       string
	Sex        byte // 'M' or 'F'
	BirthDate  time.Time
	BirthPlace string // cadastral code (Belfiore): I628 Seriate, Z330 Marocco…
}

// Zone is a territorial unit (a quartiere) of the largest comune.
type Zone struct {
	Name      string
	ISTAT     string // the comune the quartiere belongs to
	Residents int    // synthetic residents at 1 January of To's year
}

// BadRow is a row of an export that an importer must reject or skip.
type BadRow struct {
	File    string // base name of the export
	Line    int    // physical line of a CSV (1-based, header = 1) or row of an XLSX sheet
	Sheet   string // XLSX only
	Column  string // header of the offending column; "" for the whole row
	Value   string
	Problem string
	// Skipped marks blank and totals rows, which an importer skips rather
	// than rejects.
	Skipped bool
}

// Revision is a diario entry whose minutes the later export corrects.
type Revision struct {
	ActivityID string
	OldMinutes int // as written in the earlier export
	NewMinutes int // as written in the later export and in Activities
}

// Export is one file written by WriteExports.
type Export struct {
	Kind    string // import kind: population, staff, absences, cases, assignments, activities, capacity; "zones" for the adjacency file
	Path    string
	Profile string // path of the bundled import profile copied beside the export; "" if none
	Builtin string // name of the profile built into carico that imports it (siso-lista-casi …); "" if none
}
