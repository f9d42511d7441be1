package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/carico/carico/evidence"
	"github.com/carico/carico/model"
	"github.com/carico/carico/store"
)

// modelParams reads the shared options into the model's parameters (dates
// and the one configuration file) and opens the database; the caller
// closes it.
func (f *dbFlags) modelParams(ctx context.Context) (*store.DB, evidence.Params, error) {
	p, err := f.params()
	if err != nil {
		return nil, p, err
	}
	db, err := f.open(ctx)
	return db, p, err
}

// params reads the shared options into the model's parameters: the dates
// and the one configuration file.
func (f *dbFlags) params() (evidence.Params, error) {
	var p evidence.Params
	p.At, p.From, p.To, _ = f.dates()
	cfg, err := f.loadConfig()
	p.Config = cfg
	return p, err
}

// computeErr words an error of the model's computation for the user.
func computeErr(err error) error {
	if err == nil || errors.Is(err, model.ErrNoData) {
		return err
	}
	return fmt.Errorf("calcolo delle misure: %w", err)
}
