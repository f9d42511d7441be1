package web

import (
	"reflect"
	"testing"
)

// TestReductionForm: the form reads Italian dates and numbers and refuses,
// in Italian, what the register's rules refuse — the same reasons as an
// import's rejected rows.
func TestReductionForm(t *testing.T) {
	t.Parallel()
	ok := reductionForm{Operator: "M001", From: "01/01/2025", To: "31/12/2025", Percent: "20", Reason: "coordinamento"}
	with := func(change func(*reductionForm)) reductionForm { f := ok; change(&f); return f }
	for _, tc := range []struct {
		name string
		f    reductionForm
		want []string
	}{
		{"valid", ok, nil},
		{"open-ended, hours", with(func(f *reductionForm) { f.To, f.Percent, f.Hours = "", "", "7,2" }), nil},
		{"percent with its sign", with(func(f *reductionForm) { f.Percent = "20 %" }), nil},
		{"end before start", with(func(f *reductionForm) { f.To = "31/12/2024" }), []string{"Al: fine della riduzione precedente all'inizio."}},
		{"over 100 %", with(func(f *reductionForm) { f.Percent = "120" }), []string{"Riduzione %: percentuale di riduzione oltre il 100 %."}},
		{"both", with(func(f *reductionForm) { f.Hours = "6" }), []string{"Ore settimanali: indicare la riduzione in percentuale oppure in ore settimanali, non entrambe."}},
		{"neither", with(func(f *reductionForm) { f.Percent = "" }), []string{"Riduzione %: riduzione mancante (percentuale o ore settimanali)."}},
		{"no start", with(func(f *reductionForm) { f.From = "" }), []string{"Dal: data di inizio della riduzione mancante."}},
		{"unknown reason", with(func(f *reductionForm) { f.Reason = "ferie" }), []string{"Motivo: motivo della riduzione non previsto."}},
		{"bad date", with(func(f *reductionForm) { f.From = "2025-01-01" }), []string{"Dal: la data «2025-01-01» non è valida, usare gg/mm/aaaa."}},
		{"bad number", with(func(f *reductionForm) { f.Percent = "venti" }), []string{"Riduzione %: «venti» non è un numero."}},
	} {
		x, got := tc.f.reduction()
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: problems %q, want %q", tc.name, got, tc.want)
		}
		if tc.want == nil && (x.From.IsZero() || x.OperatorID != "M001") {
			t.Errorf("%s: reduction %+v", tc.name, x)
		}
	}
}
