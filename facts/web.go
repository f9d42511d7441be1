package facts

import (
	"context"
	"database/sql"
	"time"
)

// Name is an id (ISTAT code, operator id) with its name.
type Name struct{ ID, Name string }

// ComuneNames lists the comuni of the Ambito, by name.
func ComuneNames(ctx context.Context, db Queryer) ([]Name, error) {
	return query(ctx, db, "names_comuni", scanName)
}

// OperatorNames lists the operators of the roster, by name.
func OperatorNames(ctx context.Context, db Queryer) ([]Name, error) {
	return query(ctx, db, "names_operators", scanName)
}

func scanName(r *sql.Rows, n *Name) error { return r.Scan(&n.ID, &n.Name) }

// ImportBatch is one import as the import pages list it.
type ImportBatch struct {
	ID                                           int64
	File, Kind, Profile                          string
	Started                                      time.Time
	Read, Inserted, Updated, Unchanged, Rejected int
}

// ImportBatches lists the imports, newest first; only batch id when id > 0.
func ImportBatches(ctx context.Context, db Queryer, id int64) ([]ImportBatch, error) {
	return query(ctx, db, "import_batches", func(r *sql.Rows, b *ImportBatch) error {
		return r.Scan(&b.ID, &b.File, &b.Kind, &b.Profile, &b.Started, &b.Read, &b.Inserted, &b.Updated, &b.Unchanged, &b.Rejected)
	}, sql.Named("id", id))
}

// RejectedLine is one rejected row of an import: where and why.
type RejectedLine struct {
	Line                 int
	Sheet, Column, Value string
	Reason               string
}

// RejectedLines lists the first limit rejected rows of batch id, by line.
func RejectedLines(ctx context.Context, db Queryer, id int64, limit int) ([]RejectedLine, error) {
	return query(ctx, db, "rejected_lines", func(r *sql.Rows, x *RejectedLine) error {
		return r.Scan(&x.Line, &x.Sheet, &x.Column, &x.Value, &x.Reason)
	}, sql.Named("id", id), sql.Named("limit", limit))
}
