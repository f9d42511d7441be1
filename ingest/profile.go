package ingest

import (
	"fmt"
	"os"

	"github.com/BurntSushi/toml"
)

// Profile says how one shape of vendor export maps onto canonical records.
// It is a small, commented TOML file that a user can read and edit; `carico
// inspect` proposes one from a file's header.
//
// Example (a diario export):
//
//	kind      = "activities"
//	encoding  = "windows-1252"   # "" or "auto" detects
//	delimiter = ";"              # "" detects
//
//	[columns]
//	id       = "ID intervento"
//	date     = "Data"
//	operator = "Operatore"
//	case_id  = "N. cartella"
//	kind     = "Tipo attività"
//	minutes  = "Durata"
//	comune   = "Comune"
//
//	[formats]
//	date     = "dd/mm/yyyy"
//	duration = "h:mm"
//
//	[values.kind]
//	"Colloquio in sede" = "case"
//	"Segretariato sociale" = "access"
type Profile struct {
	Name      string `toml:"name"`      // free description, shown in reports' Metodo e fonti
	Kind      string `toml:"kind"`      // activities | cases | assignments | staff | absences | population
	Source    string `toml:"source"`    // optional namespace prefixed to source IDs ("vendorx:123")
	Encoding  string `toml:"encoding"`  // "", "auto", "utf-8", "utf-16", "windows-1252"
	Delimiter string `toml:"delimiter"` // "", ";", ",", "\t", "|"
	Sheet     string `toml:"sheet"`     // XLSX: sheet name or 1-based index
	HeaderRow int    `toml:"header_row"`

	// Columns maps a canonical field (see Fields) to the source column that
	// holds it, or to several columns joined with a space (["Cognome", "Nome"]).
	Columns map[string]Columns `toml:"columns"`
	Formats Formats            `toml:"formats"`
	// Values maps, per canonical field, vendor labels onto canonical values:
	// activity kinds, areas, close reasons, initiatives, roles, contracts,
	// comune names onto ISTAT codes.
	Values map[string]map[string]string `toml:"values"`
	// ImportNotes must be true for a free-text note column to be stored.
	ImportNotes bool `toml:"import_notes"`
}

// Formats fixes how ambiguous values are written in the export; empty
// fields are detected per value.
type Formats struct {
	Date     string `toml:"date"`     // "dd/mm/yyyy", "dd/mm/yy", "dd-mm-yyyy", "yyyy-mm-dd", "excel"
	Duration string `toml:"duration"` // "minutes", "hours", "h:mm", "hh:mm:ss"
}

// Columns is one or more source column names.
type Columns []string

// UnmarshalTOML accepts a single name or a list of names.
func (c *Columns) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*c = Columns{v}
	case []any:
		for _, x := range v {
			s, ok := x.(string)
			if !ok {
				return fmt.Errorf("nome di colonna non testuale: %v", x)
			}
			*c = append(*c, s)
		}
	default:
		return fmt.Errorf("colonna: atteso un nome o un elenco di nomi, trovato %v", v)
	}
	return nil
}

// Fields lists the canonical fields of each kind of import.
var Fields = map[string][]string{
	"activities": {"id", "date", "time", "operator", "case_id", "kind", "minutes", "comune", "note"},
	"cases": {"id", "person_cf", "person_name", "birth_date", "opened", "closed", "close_reason", "area", "complexity",
		"initiative", "application", "decision", "operator", "comune", "zone"},
	"assignments": {"case_id", "operator", "from", "to"},
	"staff":       {"operator_id", "operator", "role", "weekly_hours", "contract", "start", "end", "comune", "share"},
	"absences":    {"operator_id", "operator", "year", "leave_days", "sick_days", "other_days"},
	"population":  {"istat", "comune", "province", "ambito", "year", "residents", "patron"},
}

// LoadProfile reads a profile file.
func LoadProfile(path string) (*Profile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p Profile
	if _, err := toml.Decode(string(b), &p); err != nil {
		return nil, fmt.Errorf("profilo %s: %w", path, err)
	}
	if _, ok := Fields[p.Kind]; !ok {
		return nil, fmt.Errorf("profilo %s: kind %q non valido (activities, cases, assignments, staff, absences, population)", path, p.Kind)
	}
	return &p, nil
}
