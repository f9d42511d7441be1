//go:build duckdb_arrow

package ingest

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/carico/carico/store"
)

// insertStream runs on conn the INSERT statement insert gives for the
// view of the stream's rows, with args.
func insertStream(ctx context.Context, conn *sql.Conn, s *batchStream, insert func(from string) string, args ...any) error {
	const view = store.IncomingView
	var release func()
	err := conn.Raw(func(dc any) error {
		a, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
		if err != nil {
			return err
		}
		release, err = a.RegisterView(s, view)
		return err
	})
	if err != nil {
		return err
	}
	defer release()
	defer conn.ExecContext(context.Background(), sqlFill("drop_incoming_view", struct{ View string }{view}))
	_, err = conn.ExecContext(ctx, insert(view), args...)
	return err
}
