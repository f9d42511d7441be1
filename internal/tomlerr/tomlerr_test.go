package tomlerr

import (
	"errors"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestItalian(t *testing.T) {
	t.Parallel()
	var v struct {
		AWT struct {
			FullTimeHours float64 `toml:"full_time_hours"`
		} `toml:"awt"`
		Name string `toml:"name"`
	}
	for src, want := range map[string]string{
		"[awt\nfull_time_hours = 36\n":             "riga 1: nome di tabella non chiuso: manca «]»",
		"name = \"a\nb\"\n":                        "riga 1: un testo tra virgolette non può andare a capo: chiudere le virgolette",
		"[awt]\nfull_time_hours = \"trentasei\"\n": "riga 2: la chiave «awt.full_time_hours» ha un valore del tipo sbagliato: è un testo, serve un numero",
		"name = 3\n":                               "riga 1: la chiave «name» ha un valore del tipo sbagliato: è un numero intero, serve un testo",
		"name = \"x\"\nname = \"y\"\n":             "riga 2: chiave o tabella già definita più sopra",
	} {
		_, err := toml.Decode(src, &v)
		if err == nil {
			t.Fatalf("%q decoded", src)
		}
		got := Italian(src, err)
		var e *Error
		if got.Error() != want || !errors.As(got, &e) || !errors.Is(got, err) {
			t.Errorf("%q: %q, want %q", src, got, want)
		}
	}
	other := errors.New("altro")
	if Italian("", other) != other {
		t.Error("an unknown error changed")
	}
}
