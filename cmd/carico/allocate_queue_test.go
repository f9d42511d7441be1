package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico"

	"github.com/carico/carico/internal/sampledb"
	sampledata "github.com/carico/carico/sample-data"
)

// TestQueueCLI runs the queue on the sample Ambito: the JSON items carry
// the documented keys (days_left null where no term applies); a decision
// needs a reason of the list, is recorded, marks its item and goes into
// the export; `carico segnalazioni` lists an empty register.
func TestQueueCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the whole sample Ambito")
	}
	dbPath := sampledb.Write(t, sampledata.Generate(sampledata.DefaultSeed))
	code, out, errOut := runCLI(t, "allocate", "--db", dbPath, "--queue", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) == 0 {
		t.Fatal("empty queue on the sample")
	}
	var holderless string
	for _, it := range items {
		for _, k := range []string{"kind", "cartella", "area", "complexity", "comune", "days_waiting", "days_left"} {
			if _, ok := it[k]; !ok {
				t.Errorf("item without %q: %v", k, it)
			}
		}
		if it["kind"] != "istanza" {
			holderless = it["cartella"].(string)
			if it["days_left"] != nil {
				t.Errorf("a cartella without a holder has days left: %v", it)
			}
		}
	}
	if holderless == "" {
		t.Fatal("no holderless cartella in the sample's queue")
	}
	code, _, errOut = runCLI(t, "allocate", "--db", dbPath, "--queue", "--decide", holderless, "--to", "M003", "--reason", "simpatia")
	if code != 2 || !strings.Contains(errOut, "scegliere dall'elenco") {
		t.Errorf("a reason off the list: exit %d, %s", code, errOut)
	}
	// The number as the table shows it is enough to decide.
	code, _, errOut = runCLI(t, "allocate", "--db", dbPath, "--queue", "--decide", carico.DisplayID(holderless), "--to", "M003", "--reason", "capacita")
	if code != 0 {
		t.Fatalf("decide: exit %d: %s", code, errOut)
	}
	code, out, _ = runCLI(t, "allocate", "--db", dbPath, "--queue")
	if code != 0 || !strings.Contains(out, "assegnata a ") {
		t.Errorf("the decided item is not marked in the table:\n%s", out)
	}
	csv := filepath.Join(t.TempDir(), "decisioni.csv")
	if code, _, errOut = runCLI(t, "allocate", "--db", dbPath, "--queue", "--export-decisions", csv); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	b, _ := os.ReadFile(csv)
	// The software's export carries the number as the software shows it,
	// without carico's source prefix.
	if !strings.Contains(string(b), "\n"+carico.DisplayID(holderless)+";M003;") || strings.Contains(string(b), holderless) {
		t.Errorf("export:\n%s", b)
	}
	xlsx := filepath.Join(t.TempDir(), "decisioni.xlsx")
	if code, _, errOut = runCLI(t, "allocate", "--db", dbPath, "--queue", "--export-decisions", xlsx); code != 0 {
		t.Fatalf("export xlsx: exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(xlsx); len(b) < 4 || string(b[:2]) != "PK" {
		t.Error("--export-decisions FILE.xlsx did not write a workbook")
	}
	code, out, errOut = runCLI(t, "segnalazioni", "--db", dbPath, "--format", "json")
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("segnalazioni: exit %d, %q, %s", code, out, errOut)
	}
}

// TestQueueDecisionLeavesAfterImport follows a decision the whole way a
// service goes: a cartella of the sample that was never assigned is
// decided from the queue and goes into the export for the cartella
// software; the software's next export (vendor B's workbook, written by
// the generator with the cartella now held by the operator chosen) is
// imported with the bundled profiles; the re-import changes nothing else,
// and the cartella leaves the queue and the export.
func TestQueueDecisionLeavesAfterImport(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the whole sample Ambito")
	}
	amb := sampledata.Generate(sampledata.DefaultSeed)
	dbPath := sampledb.Write(t, amb)
	dir := t.TempDir()
	key := filepath.Join(dir, "chiave")
	if err := os.WriteFile(key, sampledb.Secret, 0o600); err != nil {
		t.Fatal(err)
	}
	// The queue two weeks after the data end, when the later export is in.
	const at = "15/01/2026"
	assigned := time.Date(2026, 1, 8, 0, 0, 0, 0, time.UTC)
	queue := func() map[string]map[string]any {
		t.Helper()
		code, out, errOut := runCLI(t, "allocate", "--db", dbPath, "--queue", "--at", at, "--format", "json")
		if code != 0 {
			t.Fatalf("queue: exit %d: %s", code, errOut)
		}
		var items []map[string]any
		if err := json.Unmarshal([]byte(out), &items); err != nil {
			t.Fatal(err)
		}
		byID := map[string]map[string]any{}
		for _, it := range items {
			if it["kind"] != "istanza" {
				byID[carico.DisplayID(it["cartella"].(string))] = it
			}
		}
		return byID
	}
	export := func() string {
		t.Helper()
		csv := filepath.Join(t.TempDir(), "decisioni.csv")
		if code, _, errOut := runCLI(t, "allocate", "--db", dbPath, "--queue", "--at", at, "--export-decisions", csv); code != 0 {
			t.Fatalf("export: exit %d: %s", code, errOut)
		}
		b, _ := os.ReadFile(csv)
		return string(b)
	}

	id := amb.Board.NeverAssigned[0]
	before := queue()
	if it := before[id]; it == nil || it["kind"] != "mai_assegnata" && it["kind"] != "nuova" {
		t.Fatalf("cartella %s, never assigned, is not waiting for a holder: %v", id, it)
	}
	if code, _, errOut := runCLI(t, "allocate", "--db", dbPath, "--queue", "--at", at, "--decide", id, "--to", "M003", "--reason", "territorio"); code != 0 {
		t.Fatalf("decide: exit %d: %s", code, errOut)
	}
	if it := queue()[id]; it == nil || it["decision"] == nil {
		t.Fatalf("the decided cartella is not marked: %v", it)
	}
	if csv := export(); !strings.Contains(csv, "\n"+id+";M003;") {
		t.Fatalf("the export does not carry the decision:\n%s", csv)
	}

	// The cartella software's next export: the same workbook, the cartella
	// now held by M003 from the day the decision was entered there.
	later := *amb
	later.Bad = nil
	later.Cases = slices.Clone(amb.Cases)
	i := slices.IndexFunc(later.Cases, func(c carico.Case) bool { return c.ID == id })
	later.Cases[i].OperatorID = "M003"
	later.Cases[i].Assignments = []carico.Assignment{{CaseID: id, OperatorID: "M003", From: assigned}}
	exports, err := later.WriteExports(filepath.Join(dir, "successiva"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"cases": "aggiornate 1, invariate 2.260", "assignments": "inserite 1, aggiornate 0, invariate 2.448"}
	for _, x := range exports {
		if x.Kind != "cases" && x.Kind != "assignments" {
			continue
		}
		code, out, errOut := runCLI(t, "import", "--db", dbPath, "--secret", key, "--kind", x.Kind, "--profile", x.Profile, x.Path)
		if code != 0 || !strings.Contains(out, want[x.Kind]) {
			t.Errorf("import %s: exit %d\n%s\n%s", x.Kind, code, out, errOut)
		}
	}

	after := queue()
	if it := after[id]; it != nil {
		t.Errorf("cartella %s is still in the queue after the import that shows its holder: %v", id, it)
	}
	if len(after) != len(before)-1 {
		t.Errorf("the import changed the queue beyond the decided cartella: %d cartelle before, %d after", len(before), len(after))
	}
	if csv := export(); strings.Contains(csv, "\n"+id+";") {
		t.Errorf("the export still carries the decision after the import:\n%s", csv)
	}
}

// TestAllocateAbsentLast asks the sample for a new cartella in the comune
// of the planted absent holder, where she works and has the lowest load:
// `carico allocate` proposes her last, with the reason, as the queue does.
func TestAllocateAbsentLast(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the whole sample Ambito")
	}
	t.Parallel()
	a := sampledata.Generate(sampledata.DefaultSeed)
	dbPath := sampledb.Write(t, a)
	code, out, errOut := runCLI(t, "allocate", "--db", dbPath, "--format", "json", "--area", "famiglia_minori", "--complexity", "media", "--comune", "Albano Sant'Alessandro")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var ranked []struct {
		ID     string
		Absent bool
		Reason string
	}
	if err := json.Unmarshal([]byte(out), &ranked); err != nil {
		t.Fatal(err)
	}
	if len(ranked) < 2 {
		t.Fatalf("%d candidates", len(ranked))
	}
	for i, c := range ranked {
		if (c.ID == a.Board.Absent) != (i == len(ranked)-1) || c.Absent != (c.ID == a.Board.Absent) {
			t.Errorf("candidate %d: %s absent %v; want the planted absent holder %s last and only her absent", i+1, c.ID, c.Absent, a.Board.Absent)
		}
	}
	if last := ranked[len(ranked)-1].Reason; !strings.Contains(last, "risulta assente") {
		t.Errorf("the absent holder's reason does not say so: %s", last)
	}
}
