package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/carico/carico/reports"
)

// statementPDF prints the operatore's statement to PDF in headless
// Chromium, from the same page the browser shows, with its print stylesheet.
func (s *Server) statementPDF(w http.ResponseWriter, r *http.Request, u *User) {
	f, ok := s.statementFilters(w, r, u, true)
	if !ok {
		return
	}
	rep, err := s.report(r.Context(), reports.Operatore, f)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	pdf, err := s.printPDF(r.Context(), rep.HTML)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	name := "prospetto-" + f.Operator + ".pdf"
	s.logAccess(r, u, "scaricamento", name+" "+f.query())
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	w.Write(pdf)
}

// chromiumPath finds the browser that prints PDFs.
func (s *Server) chromiumPath() (string, error) {
	if s.opt.Chromium != "" {
		return s.opt.Chromium, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("per il PDF serve Chromium, che non è installato: scaricare la cartella di lavoro o stampare la pagina dal browser")
}

// printPDF renders an HTML page, read from a temporary file with the
// network off, to an A4 PDF.
func (s *Server) printPDF(ctx context.Context, html []byte) ([]byte, error) {
	exe, err := s.chromiumPath()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(s.opt.TempDir, "carico-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "prospetto.html")
	if err := os.WriteFile(file, html, 0o600); err != nil {
		return nil, err
	}
	alloc, cancel := chromedp.NewExecAllocator(ctx, chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.UserDataDir(filepath.Join(dir, "profilo")),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-dev-shm-usage", true))
	defer cancel()
	bctx, cancelB := chromedp.NewContext(alloc)
	defer cancelB()
	bctx, cancelT := context.WithTimeout(bctx, 60*time.Second)
	defer cancelT()
	if err := chromedp.Do(bctx, chromedp.Navigate("file://"+file), chromedp.Sleep(300*time.Millisecond)); err != nil {
		return nil, fmt.Errorf("stampa del prospetto in PDF: %w", err)
	}
	pdf, err := chromedp.Run(bctx, chromedp.PrintToPDF(chromedp.PDFPrintBackground(), chromedp.PDFPreferCSSPageSize(), chromedp.PDFOutlineAndTagged()))
	if err != nil {
		return nil, fmt.Errorf("stampa del prospetto in PDF: %w", err)
	}
	return pdf, nil
}
