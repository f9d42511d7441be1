package ingest

import "testing"

// TestPersonPseudonym checks that a lookup by codice fiscale finds the
// pseudonym an import stores, whatever the spacing and case typed.
func TestPersonPseudonym(t *testing.T) {
	t.Parallel()
	secret := make([]byte, secretSize)
	got, err := PersonPseudonym(secret, " rssmra80a01h501u ")
	if err != nil || got != pseudonym(secret, "cf:RSSMRA80A01H501U") {
		t.Errorf("pseudonym %q, %v", got, err)
	}
	if _, err := PersonPseudonym(secret, "RSSMRA80A01H501X"); err == nil {
		t.Error("wrong check character accepted")
	}
}
