package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
)

// importExports imports the sample's exports, each with its profile: the
// file beside it or the one built into carico, never one written here.
func importExports(t *testing.T, db *store.DB, exports []sampledata.Export) map[string]*Result {
	t.Helper()
	im := &Importer{DB: db, Secret: testSecret}
	out := map[string]*Result{}
	for _, e := range exports {
		var p *Profile
		var err error
		switch {
		case e.Builtin != "":
			var ok bool
			p, ok, err = BuiltinProfile(e.Builtin)
			if !ok {
				t.Fatalf("no built-in profile %s", e.Builtin)
			}
		case e.Profile != "":
			p, err = LoadProfile(e.Profile)
		default:
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		res, err := im.Import(context.Background(), e.Path, p, filepath.Base(e.Path))
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(e.Path), err)
		}
		out[filepath.Base(e.Path)] = res
	}
	return out
}

// sisoFacts are the stored facts SISO's shapes carry, with the source
// namespace taken off the IDs, in a stable order.
var sisoFacts = map[string]string{
	"cases": `SELECT string_agg(concat_ws('|', split_part(id, ':', 2), person, istat, area, opened, closed, operator_id), E'\n' ORDER BY id) FROM cases`,
	"assignments": `SELECT string_agg(concat_ws('|', split_part(case_id, ':', 2), operator_id, from_date, to_date), E'\n'
		ORDER BY case_id, from_date) FROM assignment`,
	// The diario's entries; the schede of the segretariato, which SISO
	// keeps without a duration or time of day, apart (schede).
	"activities": `SELECT string_agg(concat_ws('|', split_part(id, ':', 2), day, start_time, operator_id, split_part(case_id, ':', 2),
		kind, minutes, istat), E'\n' ORDER BY id) FROM activity WHERE raw_label IS DISTINCT FROM 'Segretariato sociale'`,
	"minutes by operator and kind": `SELECT string_agg(concat_ws('|', operator_id, kind, m), ',' ORDER BY operator_id, kind)
		FROM (SELECT operator_id, kind, sum(minutes) m FROM activity WHERE raw_label IS DISTINCT FROM 'Segretariato sociale' GROUP BY ALL)`,
	"schede": `SELECT string_agg(concat_ws('|', split_part(id, ':', 2), day, operator_id, kind, istat), E'\n' ORDER BY split_part(id, ':', 2))
		FROM activity WHERE raw_label = 'Segretariato sociale'`,
	"istanze": `SELECT string_agg(concat_ws('|', split_part(i.case_id, ':', 2), i.received, i.decision), E'\n' ORDER BY i.case_id)
		FROM (SELECT id AS case_id, application AS received, decision FROM cases WHERE application IS NOT NULL
		      UNION ALL SELECT case_id, received, decision FROM istanza) i`,
	"staff": `SELECT string_agg(concat_ws('|', p.operator_id, o.name, o.role, p.istat, p.start_date, p.end_date, p.weekly_hours,
		p.contract, p.share, p.employer, p.social_services), E'\n' ORDER BY ALL) FROM contract_period p JOIN operator o ON o.id = p.operator_id`,
	"open cases by operator": `SELECT string_agg(concat_ws('|', operator_id, n), ',' ORDER BY operator_id)
		FROM (SELECT operator_id, count(*) n FROM cases WHERE closed IS NULL GROUP BY ALL)`,
}

// TestSISOSample is the acceptance test of SISO's shapes: the sample
// Ambito written as a SISO Ambito hands it over (listaCasi.xls in BIFF8
// with text cells, the database extractions in CSV) imports with the
// built-in profiles alone, rejects nothing, and stores the same cases,
// assignments and activities — the same hours by operator and kind, the
// same open cases by operator — as the sample's own exports.
func TestSISOSample(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the sample twice")
	}
	a := sampledata.Generate(sampledata.DefaultSeed)
	dir := t.TempDir()
	own, err := a.WriteExports(filepath.Join(dir, "own"))
	if err != nil {
		t.Fatal(err)
	}
	ownDB := openDB(t, filepath.Join(dir, "own.duckdb"))
	importExports(t, ownDB, own)

	b := sampledata.Generate(sampledata.DefaultSeed)
	siso, err := b.WriteSISOExports(filepath.Join(dir, "siso"))
	if err != nil {
		t.Fatal(err)
	}
	builtin := 0
	for _, e := range siso {
		if e.Builtin != "" {
			builtin++
		}
	}
	if builtin != 6 {
		t.Fatalf("%d exports in SISO's shapes, want 6", builtin)
	}
	sisoDB := openDB(t, filepath.Join(dir, "siso.duckdb"))
	for file, res := range importExports(t, sisoDB, siso) {
		t.Logf("%s: read %d, inserted %d, rejected %d", file, res.Read, res.Inserted, res.Rejected)
		if res.Rejected > 0 {
			t.Errorf("%s: %d rows rejected, first %v", file, res.Rejected, res.Rejections[0])
		}
	}
	// The schede carry no duration: each is the built-in profile's
	// standard one, marked estimated, and nothing else is.
	const schede = `SELECT count(*), count(*) FILTER (WHERE minutes = 20 AND estimated), count(*) FILTER (WHERE estimated)
		FROM activity WHERE raw_label = 'Segretariato sociale'`
	if got := query(t, sisoDB, schede); !strings.HasPrefix(got, "0|") {
		var n, std, est int
		fmt.Sscanf(strings.ReplaceAll(got, "|", " "), "%d %d %d", &n, &std, &est)
		if std != n || est != n {
			t.Errorf("schede: %d, of which %d of 20 minutes estimated, %d estimated; want all", n, std, est)
		}
		if all := query(t, sisoDB, `SELECT count(*) FROM activity WHERE estimated`); all != fmt.Sprint(n) {
			t.Errorf("%s activities estimated, want the %d schede", all, n)
		}
	} else {
		t.Error("no scheda of the segretariato imported")
	}
	for name, q := range sisoFacts {
		want, got := query(t, ownDB, q), query(t, sisoDB, q)
		if want == "" || got != want {
			t.Errorf("%s differ between the sample's own exports and SISO's shapes:\n%s", name, firstDiff(want, got))
		}
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(a, b string) string {
	la, lb := splitLines(a), splitLines(b)
	for i := 0; i < max(len(la), len(lb)); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return "own:  " + x + "\nsiso: " + y
		}
	}
	return "(equal)"
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' || s[i] == ',' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
