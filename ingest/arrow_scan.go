//go:build duckdb_arrow

package ingest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/carico/carico/store"
)

// insertStream runs insert, an INSERT statement whose %s is the view of
// the stream's rows, on conn.
func insertStream(ctx context.Context, conn *sql.Conn, s *batchStream, insert string) error {
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
	defer conn.ExecContext(context.Background(), `DROP VIEW IF EXISTS `+view)
	_, err = conn.ExecContext(ctx, fmt.Sprintf(insert, view))
	return err
}
