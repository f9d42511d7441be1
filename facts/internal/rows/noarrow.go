//go:build !duckdb_arrow

package rows

import "context"

// eachArrow needs the driver's Arrow interface, which a build without the
// duckdb_arrow tag does not have: Each reads through database/sql.
func eachArrow(context.Context, Queryer, string, func(Row) error, ...any) (bool, error) {
	return false, nil
}
