package model

import "testing"

// A line with two bad cells is one rejected row, listed under both its
// reasons: the quality section says the batch's count, not the sum of
// the reasons.
func TestCountRejectedLines(t *testing.T) {
	t.Parallel()
	batches := []Batch{{ID: 1, File: "diario.csv", Rejected: 7}, {ID: 2, File: "cartelle.xlsx"}, {ID: 3, File: "personale.csv", Rejected: 1}}
	rejected := []RejectedRows{
		{BatchID: 1, File: "diario.csv", Rejected: 8, Reasons: map[string]int{"data inesistente": 2, "durata non valida": 6}},
		{BatchID: 3, File: "personale.csv", Rejected: 2, Reasons: map[string]int{"quote": 1, "ruolo": 1}},
	}
	countRejectedLines(batches, rejected)
	for i, want := range []int{7, 1} {
		if rejected[i].Rejected != want {
			t.Errorf("%s: %d rejected, want %d (lines, not reasons)", rejected[i].File, rejected[i].Rejected, want)
		}
	}
	if rejected[0].Reasons["durata non valida"] != 6 {
		t.Errorf("reasons changed: %v", rejected[0].Reasons)
	}
}
