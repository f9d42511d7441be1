package ingest

import "fmt"

// PersonPseudonym is the pseudonym an import gives the person with codice
// fiscale cf, so that a lookup (who already follows this person?) can match
// the database without the codice fiscale ever being stored.
func PersonPseudonym(secret []byte, cf string) (string, error) {
	n := NormalizeCF(cf)
	if !ValidCF(n) {
		return "", fmt.Errorf("codice fiscale non valido (formato o carattere di controllo errato)")
	}
	return pseudonym(secret, "cf:"+n), nil
}
