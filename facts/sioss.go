package facts

import (
	"context"
	"database/sql"
	"time"

	"github.com/carico/carico"
)

// Sioss are the records of the Ambito's annual L. 178/2020 return of a
// year (package sioss): the roster, every contract period, the comuni with
// their residents at 1 January of the year, and where the residents come
// from.
type Sioss struct {
	Operators []Operator // InService: at 31 December of the year
	Periods   []carico.ContractPeriod
	Comuni    []Comune
	// ResidentsFile and ResidentsDay name the last import of residents;
	// empty when there was none.
	ResidentsFile, ResidentsDay string
}

// LoadSioss reads the records of the return of year.
func LoadSioss(ctx context.Context, db Queryer, year int) (*Sioss, error) {
	s := &Sioss{}
	var err error
	if s.Operators, err = query(ctx, db, "operators", scanOperator, sql.Named("at", time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC))); err != nil {
		return nil, err
	}
	if s.Periods, err = query(ctx, db, "sioss_periods", scanPeriod); err != nil {
		return nil, err
	}
	if s.Comuni, err = query(ctx, db, "comuni", scanComune, sql.Named("year", year)); err != nil {
		return nil, err
	}
	src, err := query(ctx, db, "sioss_residents_source", func(r *sql.Rows, x *[2]string) error { return r.Scan(&x[0], &x[1]) })
	if err != nil {
		return nil, err
	}
	if len(src) > 0 {
		s.ResidentsFile, s.ResidentsDay = src[0][0], src[0][1]
	}
	return s, nil
}

func scanPeriod(r *sql.Rows, p *carico.ContractPeriod) error {
	var start, end sql.NullTime
	var social sql.NullBool
	err := r.Scan(&p.OperatorID, &p.ISTAT, &p.Share, &start, &end, &p.WeeklyHours, &p.Contract, &p.Employer, &social)
	p.Start, p.End = start.Time, end.Time
	if social.Valid {
		p.SocialServices = &social.Bool
	}
	return err
}
