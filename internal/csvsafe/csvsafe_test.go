package csvsafe

import (
	"bytes"
	"testing"
)

func TestCell(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":                   "",
		"ROSSI MARIA":        "ROSSI MARIA",
		"=HYPERLINK(\"x\")":  "'=HYPERLINK(\"x\")",
		"+39 333":            "'+39 333",
		"-2+3":               "'-2+3",
		"@SUM(A1)":           "'@SUM(A1)",
		"\t=1":               "'\t=1",
		"\r=1":               "'\r=1",
		"12":                 "12",
		"a=b":                "a=b",
		"'già con apostrofo": "'già con apostrofo",
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriter(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	w := NewWriter(&b)
	w.Write([]string{"riga", "=1+1"})
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "riga;'=1+1\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
