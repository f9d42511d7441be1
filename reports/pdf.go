package reports

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
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
// "" to look for one (FindBrowser).
func RenderPDF(ctx context.Context, exe string, html []byte) ([]byte, error) {
	if exe == "" {
		var err error
		if exe, err = FindBrowser(); err != nil {
			return nil, err
		}
	}
	dir, err := os.MkdirTemp("", "carico-pdf-")
	if err != nil {
		return nil, fmt.Errorf("PDF: %w", err)
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "documento.html")
	if err := os.WriteFile(src, html, 0o600); err != nil {
		return nil, fmt.Errorf("PDF: %w", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(filepath.Join(dir, "profilo")),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
	}
	if os.Geteuid() == 0 { // root (containers, CI) cannot use the sandbox
		opts = append(opts, chromedp.NoSandbox)
	}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(browser, chromedp.Navigate("file://"+filepath.ToSlash(src))); err != nil {
		return nil, fmt.Errorf("PDF con %s: %w", filepath.Base(exe), err)
	}
	pdf, err := chromedp.Run(browser, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground(), chromedp.PDFPreferCSSPageSize(), chromedp.PDFOutlineAndTagged()))
	if err != nil {
		return nil, fmt.Errorf("PDF con %s: %w", filepath.Base(exe), err)
	}
	return pdf, nil
}
