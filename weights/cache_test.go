package weights

import (
	"context"
	"reflect"
	"testing"

	"github.com/carico/carico/store"
)

func cachedRows(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM weight_calibration`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func exec(t *testing.T, db *store.DB, q string) {
	t.Helper()
	if _, err := db.ExecContext(context.Background(), q); err != nil {
		t.Fatal(err)
	}
}

// TestCalibrateCached checks that the calibration is computed once per
// state of the data: kept on the first call, read back (not recomputed)
// on the next, recomputed after an import or with other options, and
// never kept for data that did not come through the importer.
func TestCalibrateCached(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, m := fixture(t)
	want, err := Calibrate(ctx, db, m, Options{})
	if err != nil {
		t.Fatal(err)
	}

	// Hand-built tables have no import batch: nothing is kept.
	got, err := CalibrateCached(ctx, db, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || cachedRows(t, db) != 0 {
		t.Fatalf("without import batches: kept %d, equal %v", cachedRows(t, db), reflect.DeepEqual(got, want))
	}

	const batch = `INSERT INTO import_batch (file, sha256, kind, started_at, finished_at) VALUES ('diario.csv', 'x', 'activities', now()::TIMESTAMP, now()::TIMESTAMP)`
	exec(t, db, batch)
	got, err = CalibrateCached(ctx, db, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("first cached calibration differs:\n%+v\n%+v", got, want)
	}
	if n := cachedRows(t, db); n != 1 {
		t.Fatalf("kept %d calibrations, want 1", n)
	}
	// The kept one is read back, round trip exact: mark it and see the mark.
	exec(t, db, `UPDATE weight_calibration SET calibration = replace(calibration, '"resamples":2000', '"resamples":7')`)
	got, err = CalibrateCached(ctx, db, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Resamples != 7 {
		t.Fatalf("second call recomputed (resamples %d), want the kept calibration", got.Resamples)
	}
	got.Resamples = want.Resamples
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("kept calibration differs after the round trip:\n%+v\n%+v", got, want)
	}

	// Other options: another key.
	if got, err = CalibrateCached(ctx, db, m, Options{MinCartelle: 3}); err != nil || got.MinCartelle != 3 || cachedRows(t, db) != 2 {
		t.Fatalf("other options: min %v, kept %d, err %v", got.MinCartelle, cachedRows(t, db), err)
	}

	// A new import batch is new data: recomputed, whatever is kept.
	exec(t, db, `DELETE FROM activity WHERE case_id = 'f12'`)
	exec(t, db, batch)
	got, err = CalibrateCached(ctx, db, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := Calibrate(ctx, db, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Resamples != 2000 || !reflect.DeepEqual(got, fresh) || reflect.DeepEqual(fresh.Cells, want.Cells) {
		t.Fatalf("after a new batch: resamples %d, equal to a fresh calibration %v", got.Resamples, reflect.DeepEqual(got, fresh))
	}
}
