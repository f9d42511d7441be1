package ingest

import (
	"strings"
	"testing"
)

// TestProfileConstants imports population tables that carry no year
// column: one whose profile fixes the year in [constants], and ISTAT's
// table by age and sex, whose year is in the title line.
func TestProfileConstants(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file, profile string
		// read, inserted, skipped, rejected
		counts [4]int
		want   string
	}{
		{"popolazione_senza_anno.csv", "popolazione_senza_anno.toml", [4]int{2, 2, 0, 0},
			"016024|Bergamo|<nil>|2025|120287\n016091|Dalmine|<nil>|2025|23457"},
		{"istat_popolazione.csv", "istat_popolazione.toml", [4]int{5, 2, 3, 0},
			"016024|Bergamo|Ambito di Bergamo|2025|120287\n016091|Dalmine|Ambito di Bergamo|2025|23457"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			db := openDB(t, "")
			im := &Importer{DB: db, Secret: testSecret}
			res := importFile(t, im, tt.file, tt.profile)
			if got := [4]int{res.Read, res.Inserted, res.Skipped, res.Rejected}; got != tt.counts {
				t.Errorf("read, inserted, skipped, rejected = %v, want %v (%v)", got, tt.counts, res.Rejections)
			}
			got := query(t, db, `SELECT c.istat, c.name, c.ambito, r.year, r.residents FROM comune c JOIN residents r USING (istat) ORDER BY 1`)
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestProfileConstantsChecked(t *testing.T) {
	t.Parallel()
	for profile, want := range map[string]string{
		"kind = \"population\"\n[columns]\nyear = \"Anno\"\n[constants]\nyear = 2025\n": "sia in [columns] sia in [constants]",
		"kind = \"population\"\n[constants]\nanno = 2025\n":                             "campo sconosciuto in [constants]",
		"kind = \"cases\"\n[constants]\nperson_cf = \"X\"\n":                            "non ammette \"person_cf\"",
	} {
		if _, err := ParseProfile([]byte(profile)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", profile, err, want)
		}
	}
}
