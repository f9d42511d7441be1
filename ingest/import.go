// Package ingest imports the files that cartella software exports into the
// carico database. A mapping Profile says which column is which; the
// Importer reads the file as a stream, maps every row onto canonical
// records or rejects it with a reason in Italian, and merges the accepted
// rows in one transaction: all of a file or nothing.
package ingest

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/duckdb/duckdb-go/v2"

	"github.com/carico/carico/facts"
	"github.com/carico/carico/ingest/mask"
	"github.com/carico/carico/ingest/table"
	"github.com/carico/carico/store"
)

// Importer imports files into one database.
type Importer struct {
	DB     *store.DB
	Secret []byte // pseudonym key; see LoadOrCreateSecret
	Log    *slog.Logger
	// Strict fails the whole import when any row is rejected.
	Strict bool
	// Force imports a file already imported under another source.
	Force bool
	// Progress receives a progress line for long imports; nil for none.
	Progress io.Writer
	// DryRun runs the whole import and rolls it back: the Result says
	// what the import would insert, update, leave unchanged and reject,
	// and the database is left as it was (BatchID is 0).
	DryRun bool
	// MemoryLimit is DuckDB's memory limit during an import, in DuckDB's
	// notation ("600MB"); "" for DefaultMemoryLimit.
	MemoryLimit string
}

// DefaultMemoryLimit bounds DuckDB's memory during an import, so that a
// file of tens of millions of rows imports on an office PC: past it DuckDB
// moves the staged rows to its temporary directory (next to the database
// file, name.duckdb.tmp) instead of holding them. With it the process
// stayed under 1 GB on 10,000,000 rows (see docs/import.md).
const DefaultMemoryLimit = "600MB"

// FirstLoadMemoryLimit is DuckDB's memory limit during a first load (see
// Importer.load), unless the Importer sets its own. What DuckDB holds
// then is mostly the table's blocks it has already written to the
// database file, which it keeps in memory up to its limit and drops
// beyond: at 600 MB they took 320 MB of the 750 MB peak on 10,000,000
// diario rows; at 300 MB the peak was 545 MB and the load no slower (see
// docs/scale.md).
const FirstLoadMemoryLimit = "300MB"

// Result is what one import did. Read = Inserted + Updated + Unchanged +
// Skipped + Rejected.
type Result struct {
	BatchID      int64
	File         string
	SHA256, Kind string
	Read         int // data rows read
	Inserted     int // new records
	Updated      int // records already stored whose values changed
	Unchanged    int // records already stored as they are
	Skipped      int // blank and totals rows, and rows superseded by a later row with the same ID
	Rejected     int // rows not imported because of a bad cell
	// Problems counts the bad cells (a rejected row has one or more), all
	// of them, where Rejections keeps the first MaxRejections.
	Problems int
	// Normalized counts the accepted rows whose ID lost leading zeros
	// (profile numeric_ids): they match IDs written without them.
	Normalized int
	// OutsideAmbito counts the rows imported without their comune because
	// it is a real comune outside the Ambito («fuori Ambito»).
	OutsideAmbito int
	// OtherRoles counts, by qualifica as written ("" when missing), the
	// roster rows kept as «altro» because no map knows their qualifica;
	// at most maxOtherRoles labels, the rest under "…".
	OtherRoles map[string]int
	// Lines are the physical lines of a CSV, Continued those that continue
	// a quoted field over several lines: Lines = title rows + header +
	// Read + Continued.
	Lines, Continued int
	// Rejections are the first MaxRejections bad cells, in file order; the
	// database keeps them all (table rejected_row).
	Rejections []Rejection
	// Sample is, for a dry run, the first rows as they would be stored.
	Sample *Sample
}

// maxOtherRoles bounds the labels Result.OtherRoles keeps.
const maxOtherRoles = 20

// MaxRejections bounds the rejections a Result carries, so that memory
// stays flat on a file where every row is wrong.
const MaxRejections = 1000

// Rejection is a cell that kept its row out of the database.
type Rejection struct {
	File   string
	Line   int // physical line of a CSV (where the row starts) or sheet row
	Sheet  string
	Column string
	Value  string // masked for personal fields
	Reason string // in Italian
}

func (r Rejection) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d", r.File, r.Line)
	if r.Sheet != "" {
		fmt.Fprintf(&b, " (foglio %s)", r.Sheet)
	}
	if r.Column != "" {
		fmt.Fprintf(&b, ", colonna %q", r.Column)
	}
	if r.Value != "" {
		fmt.Fprintf(&b, ", valore %q", r.Value)
	}
	return b.String() + ": " + r.Reason
}

// ErrRejected is returned, wrapped, when a strict import finds rejections;
// nothing of the file was imported.
var ErrRejected = errors.New("righe scartate in modalità rigorosa: nessuna riga importata")

// Import imports one file with profile p (named profileName in the batch
// record). The import is one transaction: on any error, and in strict mode
// on any rejection, the database is left as it was. The Result is returned
// with the error when the file was read.
func (im *Importer) Import(ctx context.Context, path string, p *Profile, profileName string) (*Result, error) {
	if err := p.Check(); err != nil {
		return nil, fmt.Errorf("profilo %s: %w", profileName, err)
	}
	sp := specs[p.Kind]
	sum, err := store.FileSHA256(path)
	if err != nil {
		return nil, err
	}
	res := &Result{File: path, SHA256: sum, Kind: p.Kind}
	if !im.Force {
		if err := sameFileOtherSource(ctx, im.DB, sum, p); err != nil {
			return nil, err
		}
	}
	src, p, err := openSource(path, p, profileName)
	if err != nil {
		return nil, err
	}
	defer src.Close()

	conn, err := im.DB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	restore, err := importSettings(ctx, conn, cmp.Or(im.MemoryLimit, DefaultMemoryLimit))
	if err != nil {
		return nil, err
	}
	defer restore()
	if im.Strict {
		if err := im.strictCheck(ctx, conn, path, p, profileName, res); err != nil {
			return res, err
		}
	}
	started := time.Now().UTC()
	base := filepath.Base(path)
	defer conn.ExecContext(context.Background(), sqlText("drop_temps"))
	first, err := firstLoad(ctx, conn, sp)
	if err != nil {
		return nil, err
	}
	if first && im.MemoryLimit == "" {
		if err := memoryLimit(ctx, conn, FirstLoadMemoryLimit); err != nil {
			return nil, err
		}
	}
	unique := false // the staged rows' keys are known not to repeat
	if !first {
		// The rows are staged before the transaction starts, in temporary
		// tables private to this connection that never reach the database
		// file: DuckDB inserts from a committed table markedly faster than
		// from one written in the same transaction, and a killed import
		// still leaves the database as it was.
		if unique, err = im.stage(ctx, conn, src, p, base, res); err != nil {
			return res, err
		}
	}

	if err := begin(ctx, conn); err != nil {
		return nil, err
	}
	committed := false
	defer func() {
		if !committed {
			rollback(conn)
		}
	}()
	if err := im.recordKey(ctx, conn); err != nil {
		return nil, err
	}
	if err := conn.QueryRowContext(ctx, sqlText("insert_batch"), sql.Named("file", base), sql.Named("sha256", sum),
		sql.Named("kind", p.Kind), sql.Named("profile", profileName), sql.Named("started", started)).Scan(&res.BatchID); err != nil {
		return nil, fmt.Errorf("registrazione del lotto: %w", err)
	}
	if err := facts.ForgetCalibrations(ctx, conn); err != nil {
		return nil, err
	}
	if first {
		err = im.load(ctx, conn, src, p, base, res)
	} else {
		err = im.merge(ctx, conn, p, base, res, unique)
	}
	if err != nil {
		return res, err
	}
	if im.DryRun {
		if res.Sample, err = sample(ctx, conn, p, sp, first, res.BatchID); err != nil {
			return res, err
		}
	}
	if err := im.commit(ctx, conn, res); err != nil {
		return res, err
	}
	committed = !im.DryRun
	return res, nil
}

// openSource opens the file at path with profile p and checks that it has
// the profile's columns; it returns p completed with what the file's title
// says (the year of a population table).
func openSource(path string, p *Profile, profileName string) (table.Reader, *Profile, error) {
	src, err := table.Open(path, tableOptions(p))
	if err != nil {
		return nil, nil, err
	}
	p = p.withTitleYear(src.Meta().Title)
	if err := p.Complete(); err != nil {
		src.Close()
		return nil, nil, fmt.Errorf("profilo %s: %w", profileName, err)
	}
	if missing := p.MissingColumns(src.Header()); len(missing) > 0 {
		src.Close()
		return nil, nil, fmt.Errorf("%s: colonne del profilo %s assenti nel file: %s (intestazione trovata: %s)",
			path, profileName, quoteAll(missing), mask.Excerpt(quoteAll(src.Header())))
	}
	return src, p, nil
}

// commit ends the import's transaction: it reads back the first
// rejections, refuses a strict import with any, records the batch's counts
// and commits.
func (im *Importer) commit(ctx context.Context, conn *sql.Conn, res *Result) error {
	var err error
	if res.Rejections, err = firstRejections(ctx, conn, res.BatchID); err != nil {
		return err
	}
	if err := conn.QueryRowContext(ctx, sqlText("count_problems"), sql.Named("batch", res.BatchID)).Scan(&res.Problems); err != nil {
		return fmt.Errorf("lettura degli scarti: %w", err)
	}
	if im.Strict && res.Rejected > 0 {
		return fmt.Errorf("%s: %d %w", res.File, res.Rejected, ErrRejected)
	}
	if im.DryRun {
		res.BatchID = 0
		return nil // Import's deferred ROLLBACK undoes it all
	}
	if _, err := conn.ExecContext(ctx, sqlText("finish_batch"), sql.Named("finished", time.Now().UTC()),
		sql.Named("read", res.Read), sql.Named("inserted", res.Inserted), sql.Named("updated", res.Updated),
		sql.Named("unchanged", res.Unchanged), sql.Named("rejected", res.Rejected), sql.Named("batch", res.BatchID)); err != nil {
		return fmt.Errorf("registrazione del lotto: %w", err)
	}
	start := time.Now()
	if _, err := conn.ExecContext(ctx, sqlText("commit")); err != nil {
		return fmt.Errorf("conferma dell'importazione: %w", err)
	}
	if im.Log != nil {
		im.Log.Debug("committed", "file", filepath.Base(res.File), "elapsed", time.Since(start))
		im.Log.Info("import", "file", res.File, "kind", res.Kind, "batch", res.BatchID, "read", res.Read,
			"inserted", res.Inserted, "updated", res.Updated, "unchanged", res.Unchanged, "rejected", res.Rejected)
	}
	return nil
}

// merge stores the staged rejections and merges the staged rows into the
// tables, inside the import's transaction; unique says that no key of
// the staged rows comes twice, and there is nothing to deduplicate.
func (im *Importer) merge(ctx context.Context, conn *sql.Conn, p *Profile, file string, res *Result, unique bool) error {
	if err := storeRejected(ctx, conn, res.BatchID); err != nil {
		return err
	}
	sp := specs[p.Kind]
	m := &merger{ctx: ctx, conn: conn, spec: sp, p: p, log: im.Log, batch: res.BatchID, file: file, unique: unique}
	m.cols, m.fills = changeable(sp, p)
	if err := m.run(); err != nil {
		return err
	}
	res.Inserted, res.Updated, res.Unchanged = m.inserted, m.updated, m.unchanged
	res.Skipped += m.skipped
	res.Rejected += m.rejected
	return nil
}

// firstLoad reports whether an import of kind sp streams its rows straight
// into its table: the kind allows it (spec.direct) and the table is empty.
func firstLoad(ctx context.Context, conn *sql.Conn, sp *spec) (bool, error) {
	if sp.direct == "" {
		return false, nil
	}
	var empty bool
	if err := conn.QueryRowContext(ctx, sqlFill("table_empty", struct{ Table string }{sp.direct})).Scan(&empty); err != nil {
		return false, fmt.Errorf("lettura di %s: %w", sp.direct, err)
	}
	return empty, nil
}

// load streams the rows of a first import straight into the kind's empty
// table, inside the import's transaction: with nothing stored there is
// nothing to compare, and each row is written once instead of twice
// (staged, then copied), which on 10,000,000 rows saves a third of the
// time and keeps no staged copy in memory. As in a merge, a later row with
// the same key supersedes an earlier one: the table keeps the order of the
// stream, which is the file's, so the earlier row is the one with the
// lower rowid. The kind has one key, a text.
func (im *Importer) load(ctx context.Context, conn *sql.Conn, src table.Reader, p *Profile, file string, res *Result) error {
	sp := specs[p.Kind]
	cols := make([]string, len(sp.stage))
	key := -1
	for i, c := range sp.stage {
		cols[i] = c.name
		if c.name == sp.keys[0] {
			key = i
		}
	}
	if len(sp.keys) != 1 || key < 0 {
		return fmt.Errorf("tipo %s: il caricamento diretto vuole una sola chiave", p.Kind) // a bug in specs
	}
	to := target{schema: arrowSchema(sp, false), keys: newDupFinder(key, expectedRows(res.File)),
		insert: func(from string) string {
			return sqlFill("load_direct", struct {
				Table string
				Cols  []string
				From  string
			}{sp.direct, cols, from})
		},
		args: []any{sql.Named("batch", res.BatchID)}}
	look, err := loadLookups(ctx, conn, p)
	if err != nil {
		return err
	}
	if err := im.pump(ctx, conn, src, p, look, file, res, to); err != nil {
		return err
	}
	if err := storeRejected(ctx, conn, res.BatchID); err != nil {
		return err
	}
	start := time.Now()
	superseded, repeated := 0, to.keys.repeated()
	if repeated {
		if superseded, err = dropSuperseded(ctx, conn, sp.direct, sp.keys[0]); err != nil {
			return err
		}
	}
	res.Skipped += superseded
	if err := conn.QueryRowContext(ctx, sqlFill("count_rows", struct{ Table string }{sp.direct})).Scan(&res.Inserted); err != nil {
		return fmt.Errorf("conteggio delle righe: %w", err)
	}
	if im.Log != nil {
		im.Log.Debug("first load", "file", file, "repeated", repeated, "superseded", superseded, "dedup", time.Since(start))
	}
	return nil
}

// expectedRows guesses the rows of the file at path from its size, for
// sizing the duplicate finder: a diario row takes 50 to 150 bytes.
func expectedRows(path string) int {
	if fi, err := os.Stat(path); err == nil {
		return int(fi.Size() / 70)
	}
	return 100_000
}

// dropSuperseded deletes from table the rows whose key comes again later.
func dropSuperseded(ctx context.Context, conn *sql.Conn, table, key string) (int, error) {
	r, err := conn.ExecContext(ctx, sqlFill("drop_superseded", struct{ Table, Key string }{table, key}))
	if err != nil {
		return 0, fmt.Errorf("eliminazione dei duplicati: %w", err)
	}
	n, err := r.RowsAffected()
	return int(n), err
}

// storeRejected moves the staged rejections into rejected_row.
func storeRejected(ctx context.Context, conn *sql.Conn, batch int64) error {
	if _, err := conn.ExecContext(ctx, sqlText("store_rejected"), sql.Named("batch", batch)); err != nil {
		return fmt.Errorf("registrazione degli scarti: %w", err)
	}
	return nil
}

// importSettings sets, for the time of an import, DuckDB's memory limit
// and its string compression, and returns the function that puts DuckDB's
// defaults back (the only settings carico's databases run under
// otherwise; current_setting gives the limit rounded, so it cannot be read
// and set again). Both hold for the whole database.
//
// FSST, the compression DuckDB tries on every string column, is left out
// while importing: deciding whether it pays took a quarter of the time of
// writing 10,000,000 diario rows (11.4 s instead of 14-18 s). The strings
// the import writes then keep dictionary and other compressions, and take
// more room on disk: 230 MB instead of 148 MB for those rows in the
// benchmark, where identifiers compress unusually well.
func importSettings(ctx context.Context, conn *sql.Conn, limit string) (restore func(), err error) {
	if err := memoryLimit(ctx, conn, limit); err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, sqlText("import_compression")); err != nil {
		conn.ExecContext(context.Background(), sqlText("reset_memory_limit"))
		return nil, fmt.Errorf("impostazioni di DuckDB: %w", err)
	}
	return func() {
		conn.ExecContext(context.Background(), sqlText("reset_settings"))
	}, nil
}

// memoryLimit sets DuckDB's memory limit (see importSettings).
func memoryLimit(ctx context.Context, conn *sql.Conn, limit string) error {
	if _, err := conn.ExecContext(ctx, sqlFill("memory_limit", struct{ Limit string }{strings.ReplaceAll(limit, "'", "")})); err != nil {
		return fmt.Errorf("limite di memoria %q: %w", limit, err)
	}
	return nil
}

// recordKey checks that the import's key is the database's, recording its
// fingerprint on the first import: people keyed with two keys would be
// two sets of strangers.
func (im *Importer) recordKey(ctx context.Context, conn *sql.Conn) error {
	fp, err := StoredFingerprint(ctx, conn)
	if err != nil {
		return err
	}
	if fp != "" {
		return checkFingerprint(im.Secret, fp, "indicato")
	}
	if _, err := conn.ExecContext(ctx, sqlText("record_fingerprint"), sql.Named("fingerprint", Fingerprint(im.Secret))); err != nil {
		return fmt.Errorf("registrazione dell'impronta della chiave: %w", err)
	}
	return nil
}

// stage reads src into the temporary tables stg, the mapped rows with their
// line, and rej, the bad cells of the rejected rows. It reports whether
// the staged rows' keys are known not to repeat: a kind with one text key
// has its keys checked as on a first load (see dupFinder), and then the
// merge skips the deduplication, a sort of the whole staging table (on
// 10,000,000 rows about as long as the merge itself).
func (im *Importer) stage(ctx context.Context, conn *sql.Conn, src table.Reader, p *Profile, file string, res *Result) (unique bool, err error) {
	look, err := loadLookups(ctx, conn, p)
	if err != nil {
		return false, err
	}
	sp := specs[p.Kind]
	defs, cols := []string{"line INTEGER"}, []string{"line"}
	for _, c := range sp.stage {
		typ := c.typ
		if values := sp.enums[c.name]; values != nil {
			typ = enumType(values(look), typ)
		}
		defs, cols = append(defs, c.name+" "+typ), append(cols, c.name)
	}
	// Staged in a transaction of its own: the view DuckDB reads the rows
	// through lives in the database's schema, and must never be committed.
	if err := begin(ctx, conn); err != nil {
		return false, err
	}
	if _, err := conn.ExecContext(ctx, sqlFill("create_stg", struct{ Defs []string }{defs})); err != nil {
		rollback(conn)
		return false, fmt.Errorf("tabella temporanea: %w", err)
	}
	insert := func(from string) string {
		return sqlFill("stage_rows", struct {
			Cols []string
			From string
		}{cols, from})
	}
	to := target{schema: arrowSchema(sp, true), insert: insert}
	if len(sp.keys) == 1 {
		if i := to.schema.FieldIndices(sp.keys[0]); len(i) == 1 && to.schema.Field(i[0]).Type.ID() == arrow.STRING {
			to.keys = newDupFinder(i[0], expectedRows(res.File))
		}
	}
	if err := im.pump(ctx, conn, src, p, look, file, res, to); err != nil {
		rollback(conn)
		return false, err
	}
	if _, err = conn.ExecContext(ctx, sqlText("commit")); err != nil {
		return false, err
	}
	return to.keys != nil && !to.keys.repeated(), nil
}

// target is where pump sends the accepted rows: insert gives the INSERT
// statement that reads the rows from a view or table, with the columns of
// schema (insert must read them all), and args its parameters; keys, on a
// first load, finds repeated keys.
type target struct {
	schema *arrow.Schema
	insert func(from string) string
	args   []any
	keys   *dupFinder
}

// pump reads src and runs the target's insert over the accepted rows: they stream to DuckDB as Arrow batches while
// the file is read (see arrow.go). The bad cells of the rejected rows wait
// in a spool file and go to the temporary table rej after.
func (im *Importer) pump(ctx context.Context, conn *sql.Conn, src table.Reader, p *Profile, look *lookups,
	file string, res *Result, to target) error {
	if _, err := conn.ExecContext(ctx, sqlText("create_rej")); err != nil {
		return fmt.Errorf("tabella temporanea: %w", err)
	}
	rejects, err := newSpool()
	if err != nil {
		return err
	}
	defer rejects.close()
	start := time.Now()
	recs, done := make(chan arrow.RecordBatch, 4), make(chan struct{})
	stream := &batchStream{schema: to.schema, in: recs}
	var readErr error
	var reading sync.WaitGroup
	reading.Go(func() {
		defer close(recs)
		k := &sink{out: recs, done: done, rejects: rejects, keys: to.keys}
		if readErr = im.readRows(ctx, src, p, look, file, res, to.schema, k); readErr != nil {
			stream.fail(readErr)
		}
	})
	err = insertStream(ctx, conn, stream, to.insert, to.args...)
	close(done)
	reading.Wait()
	if readErr != nil && readErr != errStopped {
		return readErr
	}
	if err == nil && readErr == errStopped {
		err = errors.New("DuckDB ha smesso di leggere le righe prima della fine del file")
	}
	if err != nil {
		return fmt.Errorf("caricamento delle righe: %w", err)
	}
	if err := storeRejects(conn, rejects); err != nil {
		return err
	}
	if im.Log != nil {
		im.Log.Debug("rows streamed", "file", file, "rows", res.Read, "elapsed", time.Since(start))
	}
	return nil
}

// storeRejects appends the spooled rejections to the temporary table rej.
func storeRejects(conn *sql.Conn, rejects *spool) error {
	var app *duckdb.Appender
	err := conn.Raw(func(dc any) error {
		var err error
		app, err = duckdb.NewAppender(dc.(driver.Conn), "temp", "main", "rej")
		return err
	})
	if err != nil {
		return fmt.Errorf("registrazione degli scarti: %w", err)
	}
	err = rejects.each(func(rj Rejection) error {
		return app.AppendRow(rj.File, int32(rj.Line), nullable(rj.Sheet), nullable(rj.Column), nullable(rj.Value), rj.Reason)
	})
	if err = errors.Join(err, app.Close()); err != nil {
		return fmt.Errorf("registrazione degli scarti: %w", err)
	}
	return nil
}

// enumType is the SQL type ENUM of values, or typ when there are none.
func enumType(values []string, typ string) string {
	if len(values) == 0 {
		return typ
	}
	slices.Sort(values)
	values = slices.Compact(values)
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	return "ENUM(" + strings.Join(quoted, ", ") + ")"
}

// errStopped ends the reading when DuckDB stopped taking the rows: the
// statement's own error is the one to report.
var errStopped = errors.New("lettura interrotta")

// readRows maps every row of src and sends the accepted ones to k as record
// batches of schema, in file order, with the bad cells of the rejected ones,
// until the end of src or k.done.
func (im *Importer) readRows(ctx context.Context, src table.Reader, p *Profile, look *lookups, file string,
	res *Result, schema *arrow.Schema, k *sink) error {
	sp := specs[p.Kind]
	prog := newProgress(im.Progress, file)
	defer prog.done(res)
	batches := make(chan readBatch, 4)
	rows := make(chan mappedBatch, 4)
	stop := make(chan struct{})
	defer close(stop)
	// Read batches are recycled once mapped. Without it a long file churns
	// the garbage collector, whose cycles come very often over so small a
	// live heap.
	free := make(chan []readResult, 16)
	// Reading, mapping and streaming run concurrently, the mapping (the
	// costliest part in Go) on one goroutine per core. The batches reach
	// DuckDB in file order all the same: the deduplication keeps the last
	// row of an ID by line, and the table keeps the file's order.
	sheet, header := src.Meta().Sheet, src.Header() // before the reader runs
	go readAhead(src, batches, stop, free)
	var mappers sync.WaitGroup
	for range min(max(runtime.GOMAXPROCS(0), 1), 4) {
		mp := newMapper(p, im.Secret, look.fork())
		r := newRow(p, file, sheet, header)
		bb := newBatchBuilder(schema)
		mappers.Go(func() { mapAhead(batches, rows, stop, free, sp, mp, r, bb) })
	}
	go func() { mappers.Wait(); close(rows) }()
	early := map[int]mappedBatch{} // batches mapped ahead of their turn
	next := 0
	pace, paced := paceHeap()
	defer paced()
	var end error
	for mb := range rows {
		if err := ctx.Err(); err != nil {
			return err
		}
		early[mb.seq] = mb
		for mb, ok := early[next]; ok; mb, ok = early[next] {
			delete(early, next)
			next++
			if err := k.emit(mb, res); err != nil {
				return err
			}
			if next%32 == 1 {
				pace()
			}
			end = mb.err
		}
		prog.update(res)
		if end != nil {
			break
		}
	}
	if end != io.EOF {
		return end
	}
	// Blank and totals rows the reader left out were read and skipped.
	meta := src.Meta()
	res.Read += meta.Blank + meta.Totals
	res.Skipped += meta.Blank + meta.Totals
	// Every physical line of a CSV is a title, the header, a row read or a
	// continuation line of a quoted field: a row lost between them would be
	// a bug, and the import stops rather than commit without it.
	res.Lines, res.Continued = meta.Lines, meta.Continued
	if meta.Format == "csv" && meta.Lines != meta.TitleRows+1+res.Read+meta.Continued {
		return fmt.Errorf("%s: le righe non tornano: %d righe nel file, %d di titolo e intestazione, %d lette, %d di continuazione",
			file, meta.Lines, meta.TitleRows+1, res.Read, meta.Continued)
	}
	return nil
}

// sink is where readRows sends what it mapped: the accepted rows to out,
// as record batches, until done; the bad cells to rejects; the keys, on a
// first load, to keys.
type sink struct {
	out     chan<- arrow.RecordBatch
	done    <-chan struct{}
	rejects *spool
	keys    *dupFinder // nil when staged
}

// emit counts the rows of mb, spools its bad cells and sends its accepted
// rows on.
func (k *sink) emit(mb mappedBatch, res *Result) error {
	res.Read += mb.read
	res.OutsideAmbito += mb.outside
	for label, n := range mb.otherRoles {
		if res.OtherRoles == nil {
			res.OtherRoles = map[string]int{}
		}
		if _, ok := res.OtherRoles[label]; !ok && len(res.OtherRoles) >= maxOtherRoles {
			label = "…"
		}
		res.OtherRoles[label] += n
	}
	res.Skipped += mb.skipped
	res.Rejected += mb.rejected
	res.Normalized += mb.normalized
	for _, rj := range mb.rejects {
		if err := k.rejects.add(rj); err != nil {
			return fmt.Errorf("file temporaneo degli scarti: %w", err)
		}
	}
	if mb.rec == nil {
		return nil
	}
	if k.keys != nil {
		k.keys.add(mb.rec)
	}
	select {
	case k.out <- mb.rec:
		return nil
	case <-k.done:
		mb.rec.Release()
		return errStopped
	}
}

// mappedBatch is a batch of rows after mapping, seq-th in the file: the
// accepted rows as a record batch (nil when none), the counts of rows read,
// skipped and rejected, and the bad cells. err is io.EOF after the last
// row, or the error that ends the import.
type mappedBatch struct {
	seq                     int
	rec                     arrow.RecordBatch
	read, skipped, rejected int
	normalized              int
	outside                 int // rows whose comune is outside the Ambito
	otherRoles              map[string]int
	rejects                 []Rejection
	err                     error
}

// mapAhead maps the rows readAhead sends onto canonical values, batch by
// batch, until the reader's last batch or stop. Each mapper has its own mp,
// r and bb: their caches are not shared.
func mapAhead(in <-chan readBatch, out chan<- mappedBatch, stop <-chan struct{}, free chan []readResult,
	sp *spec, mp *mapper, r *row, bb *batchBuilder) {
	defer bb.release()
	vals := make([]any, 0, len(sp.stage))
	for batch := range in {
		mb := mappedBatch{seq: batch.seq}
		for _, rr := range batch.rows {
			switch pe := asParseError(rr.err); {
			case pe != nil:
				// A malformed row (an unclosed quote, say) is rejected; the
				// reader resumes at the next one.
				r.reset(pe.Line, nil)
				r.rejects = append(r.rejects, Rejection{File: r.file, Line: pe.Line, Sheet: r.sheet, Column: pe.Column, Reason: mask.Excerpt(pe.Err.Error())})
			case rr.err != nil:
				mb.err = rr.err
			default:
				r.reset(rr.row.Line, rr.row.Fields)
				if r.overflow() {
					break
				}
				if bad, err := r.personShaped(); err != nil || bad {
					mb.err = err
					break
				}
				if accepted, err := mapRow(sp, mp, r, bb, rr.row.Line, &vals); accepted || err != nil {
					if mb.err = err; err != nil {
						break // a bug in the kind's build function: the import stops
					}
					mb.read++
					mb.normalized += r.normalized
					if r.outside {
						mb.outside++
					}
					if r.otherRole != "" || r.missingRole {
						if mb.otherRoles == nil {
							mb.otherRoles = map[string]int{}
						}
						mb.otherRoles[mask.Excerpt(r.otherRole)]++
					}
					continue
				}
				if r.skip {
					mb.read++
					mb.skipped++
					continue
				}
			}
			if mb.err != nil {
				break
			}
			mb.read++
			mb.rejected++
			r.guard()
			mb.rejects = append(mb.rejects, r.rejects...)
		}
		rec, err := bb.batch()
		if mb.rec = rec; mb.err == nil {
			mb.err = err
		}
		recycle(free, batch.rows[:0])
		select {
		case out <- mb:
		case <-stop:
			return
		}
		if mb.err != nil {
			return
		}
	}
}

// mapRow maps the row r holds onto the staging columns of bb, with the
// kind's write function or, for a kind without one, its build function
// through vals; it reports whether the row was accepted.
func mapRow(sp *spec, mp *mapper, r *row, bb *batchBuilder, line int, vals *[]any) (bool, error) {
	if sp.write != nil {
		return sp.write(mp, r, bb, line), nil
	}
	v := sp.build(mp, r, (*vals)[:0])
	if v == nil {
		return false, nil
	}
	*vals = v
	return true, bb.add(line, v)
}

// reuse takes a used batch from free, or returns fresh() when there is none.
func reuse[T any](free chan T, fresh func() T) T {
	select {
	case b := <-free:
		return b
	default:
		return fresh()
	}
}

// recycle gives b back to free, or drops it when free is full.
func recycle[T any](free chan T, b T) {
	select {
	case free <- b:
	default:
	}
}

// asParseError returns the row's own error err wraps, if any. It declares
// the target of errors.As only for an error: that target escapes to the
// heap, and reading a row without one is the common case.
func asParseError(err error) *table.ParseError {
	if err == nil {
		return nil
	}
	var pe *table.ParseError
	if errors.As(err, &pe) {
		return pe
	}
	return nil
}

type readResult struct {
	row table.Row
	err error
}

// readBatch is the seq-th batch of rows read.
type readBatch struct {
	seq  int
	rows []readResult
}

// readAhead reads src in batches until io.EOF or an error that is not a
// row's own (both are sent as the batch's last result), or until stop. A
// batch is as long as a DuckDB vector, so that each Arrow batch fills one.
func readAhead(src table.Reader, out chan<- readBatch, stop <-chan struct{}, free chan []readResult) {
	defer close(out)
	const size = 2048
	fresh := func() []readResult { return make([]readResult, 0, size) }
	batch := readBatch{rows: fresh()}
	for {
		row, err := src.Read()
		batch.rows = append(batch.rows, readResult{row, err})
		last := err != nil && asParseError(err) == nil
		if len(batch.rows) == size || last {
			select {
			case out <- batch:
			case <-stop:
				return
			}
			if last {
				return
			}
			batch = readBatch{seq: batch.seq + 1, rows: reuse(free, fresh)}
		}
	}
}

// changeable lists the staging columns an import may change in a stored
// record: every column but the keys, and only those whose field the
// profile maps (or fixes in [constants]), so that a narrower export does
// not blank what a wider one filled. fills are the columns whose field is
// not mapped but which another field may carry (a time of day written with
// the date): they fill a stored NULL and never overwrite a value.
func changeable(sp *spec, p *Profile) (cols, fills []string) {
	for _, c := range sp.stage {
		switch {
		case slices.Contains(sp.keys, c.name) || c.field == "-" || c.field == stagedOnly || (c.field == "note" && !p.ImportNotes):
		case c.field != "" && !p.maps(c.field):
			if slices.Contains(sp.fill, c.name) {
				fills = append(fills, c.name)
			}
		default:
			cols = append(cols, c.name)
		}
	}
	return cols, fills
}

func firstRejections(ctx context.Context, conn *sql.Conn, batch int64) ([]Rejection, error) {
	rows, err := conn.QueryContext(ctx, sqlText("first_rejections"), sql.Named("batch", batch), sql.Named("limit", MaxRejections))
	if err != nil {
		return nil, fmt.Errorf("lettura degli scarti: %w", err)
	}
	defer rows.Close()
	var out []Rejection
	for rows.Next() {
		var r Rejection
		if err := rows.Scan(&r.File, &r.Line, &r.Sheet, &r.Column, &r.Value, &r.Reason); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func tableOptions(p *Profile) table.Options {
	o := table.Options{Sheet: p.Sheet, HeaderRow: p.HeaderRow}
	if p.Encoding != "auto" {
		o.Encoding = p.Encoding
	}
	if p.Delimiter != "" {
		o.Delimiter = []rune(p.Delimiter)[0]
	}
	return o
}
