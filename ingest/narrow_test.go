package ingest

import (
	"context"
	"path/filepath"
	"testing"
)

// importFile imports testdata/file with testdata/profile.
func importFile(t *testing.T, im *Importer, file, profile string) *Result {
	t.Helper()
	p, err := LoadProfile(filepath.Join("testdata", profile))
	if err != nil {
		t.Fatal(err)
	}
	res, err := im.Import(context.Background(), filepath.Join("testdata", file), p, profile)
	if err != nil {
		t.Fatalf("import %s: %v", file, err)
	}
	return res
}

// TestNarrowerExport imports a wide export, then a later, narrower export
// of the same records: what the second does not carry keeps its stored
// value, and only rows whose mapped canonical values changed are updated.
func TestNarrowerExport(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		first, second [2]string // file, profile
		// counts of the second import: inserted, updated, unchanged
		counts [3]int
		query  string
		want   string
	}{
		{
			name:   "a diario without the time of day, labels in another case",
			first:  [2]string{"diario_ora.csv", "diario_ora.toml"},
			second: [2]string{"diario_senza_ora.xlsx", "diario_senza_ora.toml"},
			counts: [3]int{0, 0, 3},
			query:  `SELECT string_agg(id || '=' || coalesce(start_time::VARCHAR, '-') || '/' || raw_label, ' ' ORDER BY id) FROM activity`,
			want:   "N1=09:30:00/Colloquio in sede N2=11:00:00/Visita domiciliare N3=-/Visita domiciliare",
		},
		{
			name:   "a roster with the staff number only",
			first:  [2]string{"personale_matricola.csv", "personale_matricola.toml"},
			second: [2]string{"personale_solo_matricola.csv", "personale_solo_matricola.toml"},
			counts: [3]int{0, 0, 2},
			query: `SELECT (SELECT string_agg(id || '=' || name, ' ' ORDER BY id) FROM operator WHERE id LIKE 'M%')
				|| ' / ' || (SELECT count(*) FROM operator_alias WHERE alias LIKE 'm0%')`,
			want: "M001=Rossi Maria M002=Bianchi Luca / 0",
		},
		{
			name:   "a population table with codes only",
			first:  [2]string{"population.csv", "population.toml"},
			second: [2]string{"popolazione_codici.csv", "popolazione_codici.toml"},
			counts: [3]int{0, 0, 2},
			query:  `SELECT string_agg(istat || '=' || name, ' ' ORDER BY istat) FROM comune`,
			want:   "016024=Bergamo 016091=Dalmine",
		},
		{
			name:   "cartelle without codici fiscali, with homonyms",
			first:  [2]string{"cartelle_omonimi.csv", "cartelle_omonimi.toml"},
			second: [2]string{"cartelle_senza_cf.csv", "cartelle_senza_cf.toml"},
			counts: [3]int{0, 0, 3},
			query: `SELECT (SELECT count(DISTINCT person) FROM cases) || ' ' ||
				(SELECT (a.person = b.person)::VARCHAR FROM cases a, cases b WHERE a.id = 'H1' AND b.id = 'H2')`,
			want: "2 true",
		},
		{
			// H1 and H3 lose their codice fiscale and keep their people;
			// H2 changes codice fiscale and takes H3's; the new H4 has
			// none and takes the pseudonym of name and birth date.
			name:   "a later full export with blank codici fiscali",
			first:  [2]string{"cartelle_omonimi.csv", "cartelle_omonimi.toml"},
			second: [2]string{"cartelle_cf_vuoto.csv", "cartelle_omonimi.toml"},
			counts: [3]int{1, 1, 2},
			query: `SELECT (SELECT count(DISTINCT person) FROM cases) || ' ' ||
				(SELECT string_agg((a.person = b.person)::VARCHAR, ' ' ORDER BY a.id, b.id) FROM cases a, cases b
				 WHERE (a.id, b.id) IN (('H1', 'H2'), ('H2', 'H3'), ('H1', 'H4')))`,
			want: "3 false false true", // H1-H2, H1-H4, H2-H3
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			db := openDB(t, "")
			im := &Importer{DB: db, Secret: testSecret}
			importAll(t, im, "population", "staff")
			importFile(t, im, tt.first[0], tt.first[1])
			res := importFile(t, im, tt.second[0], tt.second[1])
			if got := [3]int{res.Inserted, res.Updated, res.Unchanged}; got != tt.counts {
				t.Errorf("inserted, updated, unchanged = %v, want %v (rejections %v)", got, tt.counts, res.Rejections)
			}
			if got := query(t, db, tt.query); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
