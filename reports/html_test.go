package reports

import (
	"context"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestDashboardNoCDN checks that no page asks for a script, style or font
// from elsewhere: the only "http" left is in XML namespace and licence
// strings of the inlined library, never in a src or href.
func TestDashboardNoCDN(t *testing.T) {
	for _, opt := range []Options{{Audience: Responsabile}, {Audience: Operatore, OperatorID: "AS01"}, {Audience: Politico}} {
		page, err := os.ReadFile(writeFixture(t, opt)[1])
		if err != nil {
			t.Fatal(err)
		}
		if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//`).Find(page); m != nil {
			t.Errorf("%s: external reference %q", opt.Audience, m)
		}
		for _, cdn := range []string{"go-echarts.github.io", "cdn.jsdelivr", "unpkg.com", "cdnjs"} {
			if strings.Contains(string(page), cdn) {
				t.Errorf("%s: page mentions %s", opt.Audience, cdn)
			}
		}
		// Outside the inlined scripts, no URL at all.
		html := regexp.MustCompile(`(?s)<script>.*?</script>`).ReplaceAll(page, nil)
		if i := strings.Index(string(html), "http"); i >= 0 {
			t.Errorf("%s: %q outside the inlined scripts", opt.Audience, html[max(0, i-40):min(len(html), i+40)])
		}
		if !strings.Contains(string(page), `lang="it"`) || !strings.Contains(string(page), `class="skip" href="#contenuto"`) || !strings.Contains(string(page), "@media print") {
			t.Errorf("%s: page lacks language, skip link or print stylesheet", opt.Audience)
		}
	}
}

// chromium returns the browser the dashboards are checked in. Without it the
// test skips, except under CI, where .ci/run installs it.
func chromium(t *testing.T) string {
	t.Helper()
	const path = "/usr/bin/chromium"
	if _, err := exec.LookPath(path); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("chromium is required under CI: %v", err)
		}
		t.Skipf("chromium not installed (%v): the dashboards are not rendered; run .ci/run or install Debian's chromium", err)
	}
	return path
}

// TestDashboardRendersOffline loads each dashboard from file:// in headless
// Chromium with the network emulated offline, and checks that every chart
// container holds a drawn SVG or canvas and that the console saw no error.
func TestDashboardRendersOffline(t *testing.T) {
	exe := chromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil { // start the browser once
		t.Fatal(err)
	}

	for _, opt := range []Options{{Audience: Responsabile}, {Audience: Operatore, OperatorID: "AS01"}, {Audience: Politico}} {
		t.Run(string(opt.Audience), func(t *testing.T) {
			doc, err := build(fixtureMetrics(), withSections(Options{Audience: opt.Audience, OperatorID: opt.OperatorID, SmallCell: DefaultSmallCell, Generated: generated}))
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			for _, s := range doc.Sections {
				want += len(s.Charts)
			}
			if _, _, ok := doc.leadChart(); ok {
				want++ // the council's lead draws one again
			}
			file := writeFixture(t, opt)[1]

			ctx, cancel := chromedp.NewContext(browser)
			defer cancel()
			ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
			defer cancelTimeout()
			if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
				t.Fatal(err)
			}
			offline := []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}}
			if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: offline}); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
				t.Fatal(err)
			}

			var mu sync.Mutex
			var problems []string
			messages := chromedp.Console(ctx)
			done := make(chan struct{})
			go func() {
				defer close(done)
				for m, err := range messages {
					if err != nil {
						return
					}
					if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleWarning {
						mu.Lock()
						problems = append(problems, string(m.Type)+": "+m.Text)
						mu.Unlock()
					}
				}
			}()

			if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file)); err != nil {
				t.Fatal(err)
			}
			type drawn struct {
				Charts  int   `json:"charts"`
				Drawn   int   `json:"drawn"`
				Shapes  []int `json:"shapes"`
				Skip    bool  `json:"skip"`
				Focus   int   `json:"focus"`
				Offline bool  `json:"offline"`
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[drawn](`(() => {
				const cs = [...document.querySelectorAll(".chart")];
				return {
					charts: cs.length,
					drawn: cs.filter(c => c.querySelector("svg, canvas")).length,
					shapes: cs.map(c => c.querySelectorAll("svg path, svg rect, svg text").length),
					skip: document.querySelector("a").classList.contains("skip"),
					focus: document.querySelectorAll("section[tabindex='-1']").length,
					offline: !navigator.onLine,
				};
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if got.Charts != want || got.Drawn != want {
				t.Errorf("%d chart containers, %d drawn; want %d", got.Charts, got.Drawn, want)
			}
			for i, n := range got.Shapes {
				if n < 10 {
					t.Errorf("chart %d has only %d shapes: drawn empty", i+1, n)
				}
			}
			if !got.Skip || got.Focus < len(doc.Sections)+1 {
				t.Errorf("keyboard: skip link first %v, %d focusable sections", got.Skip, got.Focus)
			}
			if !got.Offline {
				t.Error("the page was not loaded offline")
			}
			cancel()
			<-done
			mu.Lock()
			defer mu.Unlock()
			for _, p := range problems {
				t.Errorf("console %s", p)
			}
		})
	}
}
