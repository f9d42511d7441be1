package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/carico/carico/reports"
)

// statementPDF prints the operatore's statement to PDF with the same
// printer as `carico statement --pdf` (reports.Printer), from the page the
// browser shows, with its print stylesheet: one browser for the server,
// started at the first PDF, pdfParallel documents at a time.
func (s *Server) statementPDF(w http.ResponseWriter, r *http.Request, u *User) {
	f, ok := s.statementFilters(w, r, u, true)
	if !ok {
		return
	}
	pdf, err := s.statementPDFOf(r.Context(), f)
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	rep, err := s.report(r.Context(), reports.Operatore, f) // in the cache: the PDF was printed from it
	if err != nil {
		s.fail(w, r, u, err)
		return
	}
	name := downloadName("prospetto-"+f.Operator, rep.named(f), ".pdf")
	s.logAccess(r, u, "scaricamento", name+" "+f.query())
	sendPDF(w, name, pdf)
}

// sendPDF answers with pdf as a download named name.
func sendPDF(w http.ResponseWriter, name string, pdf []byte) {
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	w.Write(pdf)
}

// statementPDFOf prints the statement of f's operator: what the statement
// page downloads and what a segnalazione attaches. The PDF is kept with
// the report it prints, until the data or the scenarios change: the same
// statement asked for again is not printed again.
func (s *Server) statementPDFOf(ctx context.Context, f filters) ([]byte, error) {
	return memo(&s.cache, func(c *cache) *lru[[]byte] { return &c.pdfs }, string(reports.Operatore)+"?"+f.query(), reportCacheSize,
		func() ([]byte, error) {
			rep, err := s.report(ctx, reports.Operatore, f)
			if err != nil {
				return nil, err
			}
			page, err := inlineScripts(rep.HTML)
			if err != nil {
				return nil, err
			}
			return s.printer.Render(ctx, page)
		})
}
