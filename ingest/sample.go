package ingest

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/carico/carico/internal/italian"
)

// Sample is the first rows a dry run would store, as carico parsed them
// (dates, durations in minutes, canonical labels, pseudonyms): one column
// per field carico keeps, named in Italian.
type Sample struct {
	Keys   []string // the field of each column
	Fields []string // its FieldLabel
	Rows   [][]string
}

// SampleRows is how many rows a dry run keeps in Result.Sample.
const SampleRows = 10

// sample reads back the first rows the dry run staged (or loaded straight
// into the kind's table, on a first load), inside the import's
// transaction, before it is rolled back.
func sample(ctx context.Context, conn *sql.Conn, p *Profile, sp *spec, first bool, batch int64) (*Sample, error) {
	s := &Sample{}
	var cols []string
	seen := map[string]bool{}
	for _, c := range sp.stage {
		field := cmp.Or(c.field, c.name)
		if field == "-" || seen[field] || (field == "note" && !p.ImportNotes) {
			continue
		}
		seen[field] = true
		label := FieldLabel(p.Kind, field)
		switch c.name {
		case "person":
			label = "assistito (pseudonimo)" // the codice fiscale never reaches the database
		case "operator_id":
			label = FieldLabel(p.Kind, "operator_id") // the name, resolved to the roster's code
		}
		cols = append(cols, c.name)
		s.Keys = append(s.Keys, field)
		s.Fields = append(s.Fields, label)
	}
	table := ""
	if first {
		table = sp.direct
	}
	rows, err := conn.QueryContext(ctx, sqlFill("dry_run_sample", struct {
		Columns []string
		Table   string
	}{cols, table}), sql.Named("batch", batch), sql.Named("limit", SampleRows))
	if err != nil {
		return nil, fmt.Errorf("anteprima delle righe: %w", err)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out := make([]string, len(vals))
		for i, v := range vals {
			out[i] = sampleCell(v, types[i].DatabaseTypeName())
		}
		s.Rows = append(s.Rows, out)
	}
	return s, rows.Err()
}

// sampleCell writes a stored value as the reports would.
func sampleCell(v any, typ string) string {
	switch x := v.(type) {
	case nil:
		return ""
	case time.Time:
		if typ == "TIME" {
			return x.Format("15:04")
		}
		return italian.Date(x)
	case float64:
		return italian.Number(x, -1)
	case float32:
		return italian.Number(float64(x), -1)
	case int32:
		return strconv.Itoa(int(x))
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		if x {
			return "sì"
		}
		return "no"
	}
	return fmt.Sprint(v)
}
