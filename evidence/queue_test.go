package evidence

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico/allocate"
	"github.com/carico/carico/facts/app"
	"github.com/carico/carico/internal/storetest"
)

// TestDecisionLeavesQueueAfterImport records an allocation decision on a
// cartella never assigned: the queue keeps it, marked, and the export for
// the cartella software carries it; once the cartelle data show the
// holder (what a later cartelle import writes: the cartella's operator),
// the cartella leaves the queue and the export. (The real import of the
// software's next export: cmd/carico's TestQueueDecisionLeavesAfterImport.)
func TestDecisionLeavesQueueAfterImport(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t,
		`INSERT INTO operator (id, name, role, weekly_hours, contract) VALUES ('a', 'Anna Rota', 'assistente_sociale', 36, 'indeterminato')`,
		`INSERT INTO cases (id, person, area, complexity, opened, operator_id) VALUES ('c1', 'p1', 'anziani', 2, DATE '2025-12-01', NULL)`,
		`INSERT INTO activity (id, day, operator_id, kind, minutes) VALUES ('x', DATE '2025-12-30', 'a', 'admin', 30)`)
	p := Params{At: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}
	qc := allocate.DefaultQueueConfig()
	queue := func() []allocate.Item {
		items, _, err := Queue(ctx, db, p, qc)
		if err != nil {
			t.Fatal(err)
		}
		return items
	}
	export := func(items []allocate.Item) string {
		var b bytes.Buffer
		if err := allocate.WriteDecisionsCSV(&b, items); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	items := queue()
	if len(items) != 1 || items[0].Kind != allocate.KindNew || items[0].Decision != nil {
		t.Fatalf("before the decision: %+v", items)
	}
	// Recorded when the cartella was still «mai assegnata»: the mark
	// follows the cartella's need, not its label.
	if err := app.InsertDecision(ctx, db, app.Decision{CaseID: "c1", Kind: allocate.KindNever, Operator: "a", Reason: "territorio",
		By: "responsabile", At: time.Date(2026, 1, 8, 9, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	items = queue()
	if len(items) != 1 || items[0].Decision == nil || items[0].Decision.Name != "Anna Rota" {
		t.Fatalf("after the decision: %+v", items)
	}
	if csv := export(items); !strings.Contains(csv, "c1;a;Anna Rota;08/01/2026;Opera nel comune o nella zona;;responsabile;08/01/2026 10:00") {
		t.Errorf("export:\n%s", csv)
	}
	if _, err := db.ExecContext(ctx, `UPDATE cases SET operator_id = 'a' WHERE id = 'c1'`); err != nil {
		t.Fatal(err)
	}
	if items = queue(); len(items) != 0 {
		t.Errorf("after the import showing the holder: %+v", items)
	}
	if csv := export(items); strings.Contains(csv, "c1") {
		t.Errorf("export after the import:\n%s", csv)
	}
}
