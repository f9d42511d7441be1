package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/carico/carico/analytics"
	"github.com/carico/carico/internal/italian"
	"github.com/carico/carico/model"
	"github.com/carico/carico/regional"
	"slices"
	"strings"

	"github.com/carico/carico/store"
)

// parquetFlags let the commands that read a database read instead a
// directory written by `carico export --parquet`, in place, whole or for
// some Ambiti.
type parquetFlags struct {
	parquet, ambito string
}

func (f *parquetFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.parquet, "parquet", "", "`CARTELLA` di file Parquet scritta da «carico export», letta al posto di --db; può raccogliere più Ambiti")
	fs.StringVar(&f.ambito, "ambito", "", "con --parquet: solo questi `AMBITI`, per nome o codice, separati da virgole (predefinito: tutti)")
}

// ambiti resolves --ambito to the partition codes of the directory.
func (f *parquetFlags) ambiti() ([]string, error) {
	if f.ambito == "" {
		return nil, nil
	}
	present, err := store.ParquetAmbiti(f.parquet)
	if err != nil {
		return nil, err
	}
	var codes []string
	for _, a := range strings.Split(f.ambito, ",") {
		code := store.AmbitoCode(a)
		if !slices.Contains(present, code) {
			return nil, usagef("Ambito %q non presente in %s (presenti: %s)", strings.TrimSpace(a), f.parquet, strings.Join(present, ", "))
		}
		codes = append(codes, code)
	}
	return codes, nil
}

func (f *parquetFlags) openParquet(ctx context.Context) (*store.DB, error) {
	codes, err := f.ambiti()
	if err != nil {
		return nil, err
	}
	db, err := store.OpenParquet(ctx, f.parquet, codes)
	if err != nil {
		return nil, fmt.Errorf("apertura dei file Parquet: %w", err)
	}
	return db, nil
}

// councilParquet refuses the council's audience on a Parquet collection
// (issue 22): the comparison of the Ambiti is not protected for a council,
// and a collection may join several Ambiti into one.
const councilParquet = "il destinatario politico non è disponibile con --parquet: il confronto tra Ambiti è un dato per il responsabile e per la Regione, senza il controllo della riservatezza della versione per la Giunta e il Consiglio; quella versione si produce dal database del proprio Ambito con carico report --db FILE --audience politico"

// compare is the per-Ambito comparison of a Parquet collection; nil when
// reading a database.
func (f *parquetFlags) compare(ctx context.Context, db *store.DB, m *model.Metrics, a *analytics.Analysis) ([]regional.AmbitoFigures, error) {
	if f.parquet == "" {
		return nil, nil
	}
	rows, err := regional.Compare(ctx, db.DB, m, a)
	if err != nil {
		return nil, fmt.Errorf("confronto degli Ambiti: %w", err)
	}
	return rows, nil
}

// writeAmbitiTable prints the comparison of the Ambiti.
func writeAmbitiTable(out io.Writer, rows []regional.AmbitoFigures) error {
	if len(rows) == 0 {
		return nil
	}
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "\nCONFRONTO DEGLI AMBITI (carico: carico ponderato ÷ ore disponibili per i casi; 100 % = pieno)")
	fmt.Fprintln(w, "Ambito\tComuni\tResidenti\tAS (ETP)\tResidenti per AS\tResidenti per AS t. indet.\tStato LEPS\tCartelle aperte per ETP\tCarico\tAperte per 1.000 residenti\tChiuse per 1.000 residenti\t")
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.Ambito, r.Comuni, italian.Count(r.Residents), model.FormatFTE(r.SocialWorkerFTE),
			optNum(r.ResidentsPerSocialWorker, 0), optNum(r.ResidentsPerPermanentSocialWorker, 0), r.Status,
			optNum(r.OpenCasesPerFTE, 1), pct(r.Load), optNum(r.OpenedPer1000, 1), optNum(r.ClosedPer1000, 1))
	}
	if rows[0].OpenedPer1000 == nil {
		fmt.Fprintln(w, "I flussi per 1.000 residenti sono calcolati da «carico analyze».")
	}
	return w.Flush()
}
