package reports

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPrinterKeepsItsTab: a Printer prints each document in the tab the
// previous one left, so that the second document is its own, not the
// first again, from one browser; a document whose request was cancelled
// leaves no tab behind.
func TestPrinterKeepsItsTab(t *testing.T) {
	exe := chromium(t)
	p := NewPrinter(exe, t.TempDir(), 1)
	defer p.Close()
	ctx := context.Background()
	for _, word := range []string{"Primo", "Secondo", "Terzo"} {
		pdf, err := p.Render(ctx, []byte(`<!doctype html><html lang="it"><title>x</title><p>Documento `+word+`</p></html>`))
		if err != nil {
			t.Fatal(err)
		}
		if got := pdfText(t, pdf); !strings.Contains(got, "Documento "+word) {
			t.Errorf("document %s printed as %q", word, got)
		}
		if p.Starts() != 1 || len(p.idle) != 1 {
			t.Errorf("after %s: %d starts, %d idle tabs, want 1 and 1", word, p.Starts(), len(p.idle))
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := p.Render(cancelled, []byte(`<p>x</p>`)); err == nil {
		t.Error("a cancelled request printed")
	}
	if _, err := p.Render(ctx, []byte(`<p>Ancora</p>`)); err != nil || p.Starts() != 1 {
		t.Errorf("after a cancelled request: %v, %d starts", err, p.Starts())
	}
}

// pdfText is the text of pdf, by poppler's pdftotext.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	in := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
