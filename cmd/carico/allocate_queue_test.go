package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	code, _, errOut = runCLI(t, "allocate", "--db", dbPath, "--queue", "--decide", holderless, "--to", "M003", "--reason", "capacita")
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
	if !strings.Contains(string(b), holderless+";M003;") {
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
