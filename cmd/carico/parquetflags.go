package main

import (
	"context"
	"flag"
	"fmt"
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
	fs.StringVar(&f.ambito, "ambito", "", "con --parquet: solo questi Ambiti, per nome o codice, separati da virgole (predefinito: tutti)")
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
