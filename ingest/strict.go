package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow"
)

// strictCheck reads the file once, mapping every row as the import would
// but writing nothing, and refuses a strict import with rejections before
// the database is touched: a refusal costs one read, not a write and a
// rollback, and the database file does not grow with rows written only to
// be rolled back. res gets the counts and the first rejections.
func (im *Importer) strictCheck(ctx context.Context, conn *sql.Conn, path string, p *Profile, profileName string, res *Result) error {
	src, p, err := openSource(path, p, profileName)
	if err != nil {
		return err
	}
	defer src.Close()
	look, err := loadLookups(ctx, conn, p)
	if err != nil {
		return err
	}
	rejects, err := newSpool()
	if err != nil {
		return err
	}
	defer rejects.close()
	recs, done := make(chan arrow.RecordBatch, 4), make(chan struct{})
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		for rec := range recs {
			rec.Release()
		}
	}()
	quiet := *im
	quiet.Progress = nil
	check := &Result{File: res.File, SHA256: res.SHA256, Kind: res.Kind}
	err = quiet.readRows(ctx, src, p, look, filepath.Base(path), check, arrowSchema(specs[p.Kind], false),
		&sink{out: recs, done: done, rejects: rejects})
	close(recs)
	<-drained
	close(done)
	if err != nil || check.Rejected == 0 {
		return err
	}
	*res = *check
	err = rejects.each(func(r Rejection) error {
		if len(res.Rejections) < MaxRejections {
			res.Rejections = append(res.Rejections, r)
		}
		res.Problems++
		return nil
	})
	if err != nil {
		return err
	}
	return fmt.Errorf("%s: %d %w", res.File, res.Rejected, ErrRejected)
}
