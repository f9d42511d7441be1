package reports_test

import (
	"context"
	"testing"
	"time"

	"github.com/carico/carico/evidence"
	"github.com/carico/carico/internal/sampledb"
	"github.com/carico/carico/reports"
	sampledata "github.com/carico/carico/sample-data"
)

// BenchmarkCouncilAudit times the disclosure audit of the council's version
// of the sample Ambito (11 comuni, 30 operators) and of the largest the
// generator makes (sampledata.Large: 30 comuni, 73 operators) against
// writing that report, in the same run: the audit must not dominate the
// report's time. It reports audit/report, the audit alone
// run again on the finished document, and protection/report, the whole
// protection inside the report (primary and secondary suppression with its
// audits) over the report's own time.
func BenchmarkCouncilAudit(b *testing.B) {
	b.Run("campione", func(b *testing.B) { benchCouncilAudit(b, sampledata.Generate(sampledata.DefaultSeed)) })
	b.Run("30comuni", func(b *testing.B) { benchCouncilAudit(b, sampledata.Large(sampledata.DefaultSeed)) })
}

func benchCouncilAudit(b *testing.B, a *sampledata.Ambito) {
	ctx := context.Background()
	db := sampledb.Load(b, a)
	ev, err := evidence.Build(ctx, db, evidence.Params{})
	if err != nil {
		b.Fatal(err)
	}
	opt := reports.Options{Audience: reports.Politico, Analysis: ev.Analysis, Plan: ev.Plan, Generated: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)}
	again, err := reports.CouncilAudit(ev.Metrics, opt)
	if err != nil {
		b.Fatal(err)
	}
	var report, audit, protection time.Duration
	defer reports.TimeProtection(&protection)()
	cells := 0
	for b.Loop() {
		// The report's time includes its own protection (secondary
		// suppression and audit); the audit is then run alone on the
		// finished document.
		start := time.Now()
		if _, err := reports.Write(b.TempDir(), ev.Metrics, opt); err != nil {
			b.Fatal(err)
		}
		report += time.Since(start)
		start = time.Now()
		if cells, err = again(); err != nil {
			b.Fatal(err)
		}
		audit += time.Since(start)
	}
	b.ReportMetric(float64(cells), "cells")
	b.ReportMetric(audit.Seconds()/report.Seconds(), "audit/report")
	b.ReportMetric(protection.Seconds()/report.Seconds(), "protection/report")
	b.ReportMetric(audit.Seconds()*1000/float64(b.N), "audit-ms/op")
	b.ReportMetric(report.Seconds()*1000/float64(b.N), "report-ms/op")
}
