package reports

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

// ErrNoBrowser is returned by PrintPDF when no Chrome, Chromium or Edge is
// installed where it looks.
var ErrNoBrowser = errors.New("nessun browser Chrome, Chromium o Edge trovato per creare il PDF: installarne uno oppure indicarne il percorso nella variabile d'ambiente CARICO_BROWSER")

// browserNames are looked up on the PATH, browserPaths where Windows and
// macOS install them.
var (
	browserNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "microsoft-edge", "microsoft-edge-stable", "msedge"}
	browserPaths = []string{
		`C:\Program Files\Google\Chrome\Application\chrome.exe`,
		`C:\Program Files (x86)\Google\Chrome\Application\chrome.exe`,
		`C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`,
		`C:\Program Files\Microsoft\Edge\Application\msedge.exe`,
		"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
		"/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
		"/Applications/Chromium.app/Contents/MacOS/Chromium",
	}
)

// FindBrowser returns the Chrome, Chromium or Edge to print with:
// CARICO_BROWSER if set, else the first found on the PATH or in the usual
// install folders; ErrNoBrowser if none.
func FindBrowser() (string, error) {
	if p := os.Getenv("CARICO_BROWSER"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("CARICO_BROWSER=%s: file non trovato", p)
		}
		return p, nil
	}
	for _, n := range browserNames {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	if runtime.GOOS == "windows" {
		if local := os.Getenv("LOCALAPPDATA"); local != "" {
			browserPaths = append(browserPaths, filepath.Join(local, `Google\Chrome\Application\chrome.exe`))
		}
	}
	for _, p := range browserPaths {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// PrintPDF renders a self-contained HTML document in a headless Chrome,
// Chromium or Edge (FindBrowser) and writes it as an A4 PDF to out. The
// page is loaded from a temporary file with the network cut off, so that
// nothing leaves the machine.
func PrintPDF(ctx context.Context, html []byte, out string) error {
	pdf, err := RenderPDF(ctx, "", html)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, pdf, 0o644); err != nil {
		return fmt.Errorf("salva %s: %w", out, err)
	}
	return nil
}

// RenderPDF is PrintPDF returning the PDF's bytes; exe names the browser,
// "" to look for one (FindBrowser). It starts a browser for this one
// document; a server prints through one shared Printer instead.
func RenderPDF(ctx context.Context, exe string, html []byte) ([]byte, error) {
	p := NewPrinter(exe, "", 1)
	defer p.Close()
	return p.Render(ctx, html)
}

// Printer prints documents to PDF in one headless browser, started at the
// first document and kept: at most parallel documents at a time, the others
// wait their turn (or their context's end). A tab that printed is kept for
// the next document: the browser has then already compiled the report's
// scripts (ECharts, 1 MB) and opens no new tab, which halves a warm PDF's
// time (docs/web.md, «Tempi»).
type Printer struct {
	exe, dir string
	slots    chan struct{}

	mu      sync.Mutex
	tmp     string // the browser's profile and the documents
	browser context.Context
	stop    func()
	starts  int
	idle    []tab // tabs of browser waiting for a document
}

// tab is one of the browser's tabs and what closes it.
type tab struct {
	ctx   context.Context
	close func()
}

// NewPrinter prints with exe ("" to look for one, FindBrowser), writing
// its documents under dir ("" for the system's temporary directory).
func NewPrinter(exe, dir string, parallel int) *Printer {
	if parallel < 1 {
		parallel = 1
	}
	return &Printer{exe: exe, dir: dir, slots: make(chan struct{}, parallel)}
}

// Starts is how many times the printer has started its browser.
func (p *Printer) Starts() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.starts
}

// start starts the browser if it is not running; p.mu is held.
func (p *Printer) start() error {
	if p.browser != nil {
		return nil
	}
	if p.exe == "" {
		var err error
		if p.exe, err = FindBrowser(); err != nil {
			return err
		}
	}
	tmp, err := os.MkdirTemp(p.dir, "carico-pdf-")
	if err != nil {
		return fmt.Errorf("PDF: %w", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(p.exe), chromedp.Headless, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(filepath.Join(tmp, "profilo")),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
	}
	if os.Geteuid() == 0 { // root (containers, CI) cannot use the sandbox
		opts = append(opts, chromedp.NoSandbox)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	if err := chromedp.Do(browser); err != nil {
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(tmp)
		return fmt.Errorf("PDF con %s: %w", filepath.Base(p.exe), err)
	}
	p.tmp, p.browser, p.starts = tmp, browser, p.starts+1
	p.stop = func() { cancelBrowser(); cancelAlloc(); os.RemoveAll(tmp) }
	return nil
}

// Close stops the browser and deletes its files.
func (p *Printer) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stop != nil {
		p.stop()
	}
	p.browser, p.stop, p.idle = nil, nil, nil
}

// Render prints a self-contained HTML document, loaded from a file with
// nothing else, as an A4 PDF.
func (p *Printer) Render(ctx context.Context, html []byte) ([]byte, error) {
	select {
	case p.slots <- struct{}{}:
		defer func() { <-p.slots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	p.mu.Lock()
	err := p.start()
	browser, tmp := p.browser, p.tmp
	t, reused := p.take()
	p.mu.Unlock()
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(tmp, "documento-*.html")
	if err == nil {
		_, err = f.Write(html)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		p.keep(browser, t, reused)
		return nil, fmt.Errorf("PDF: %w", err)
	}
	defer os.Remove(f.Name())
	if !reused {
		// The tab is opened with its own context, so that the timeout
		// below bounds one document, not the tab's life.
		t.ctx, t.close = chromedp.NewContext(browser)
		if err = chromedp.Do(t.ctx); err != nil {
			err = fmt.Errorf("PDF con %s: %w", filepath.Base(p.exe), err)
		}
	}
	var pdf []byte
	kept := true
	if err == nil {
		stopAfter := context.AfterFunc(ctx, t.close)
		timed, cancel := context.WithTimeout(t.ctx, 60*time.Second)
		pdf, err = p.print(timed, f.Name())
		cancel()
		kept = stopAfter()
	}
	if !kept || err != nil {
		// Cancelled, or the tab failed: it is not kept.
		t.close()
		if err != nil && ctx.Err() == nil && browser.Err() != nil {
			// The browser died: the next document starts another.
			p.mu.Lock()
			if p.browser == browser {
				p.stop()
				p.browser, p.stop, p.idle = nil, nil, nil
			}
			p.mu.Unlock()
		}
		return pdf, err
	}
	p.keep(browser, t, true)
	return pdf, nil
}

// take is an idle tab of the running browser, if there is one; p.mu is
// held.
func (p *Printer) take() (tab, bool) {
	if n := len(p.idle); n > 0 {
		t := p.idle[n-1]
		p.idle = p.idle[:n-1]
		return t, true
	}
	return tab{}, false
}

// keep puts back t, a tab of browser, for the next document, unless the
// browser has been stopped or replaced since.
func (p *Printer) keep(browser context.Context, t tab, ok bool) {
	if !ok {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.browser != browser {
		t.close()
		return
	}
	p.idle = append(p.idle, t)
}

func (p *Printer) print(tab context.Context, src string) ([]byte, error) {
	if err := chromedp.Do(tab, chromedp.Navigate("file://"+filepath.ToSlash(src))); err != nil {
		return nil, fmt.Errorf("PDF con %s: %w", filepath.Base(p.exe), err)
	}
	pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground(), chromedp.PDFPreferCSSPageSize(), chromedp.PDFOutlineAndTagged()))
	if err != nil {
		return nil, fmt.Errorf("PDF con %s: %w", filepath.Base(p.exe), err)
	}
	return pdf, nil
}
