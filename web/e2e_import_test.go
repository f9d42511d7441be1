package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestImportPreviewEndToEnd goes the responsabile's way through an import
// in Chromium: a diario whose operator is in Cognome and Nome and with a
// label carico does not know («Incontro con associazioni»). The mapping
// lists the label to classify; the preview, started while another import
// holds the writer, shows its progress until it can run; she classifies
// the label in the page, the preview
// then foresees no rejection, and the import commits with none. axe-core
// checks each page on the way.
func TestImportPreviewEndToEnd(t *testing.T) {
	exe := chromium(t)
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	b := newBrowser(t, exe, ts, 300*time.Second)

	cognome, nome, _ := strings.Cut(ts.operator.Name, " ")
	var csv strings.Builder
	csv.WriteString("ID intervento;Data;Cognome;Nome;Tipo attività;Durata\n")
	for i, kind := range []string{"Colloquio in sede", "Incontro con associazioni", "Visita domiciliare", "Incontro con associazioni", "Colloquio in sede"} {
		csv.WriteString("E" + string(rune('1'+i)) + ";0" + string(rune('3'+i)) + "/02/2025;" + cognome + ";" + nome + ";" + kind + ";45\n")
	}
	path := filepath.Join(t.TempDir(), "diario-febbraio.csv")
	if err := os.WriteFile(path, []byte(csv.String()), 0o600); err != nil {
		t.Fatal(err)
	}

	b.login("responsabile", testPassword, "form[action='/esci'] button")
	b.open("/importa", "#file")
	b.do("upload", chromedp.SetUploadFiles("#file", []string{path}), chromedp.SetValue("#tipo", "activities"),
		chromedp.Click("main button[type=submit]"), chromedp.WaitVisible("#controlla"))
	if got := eval[string](b, `document.querySelector("#da-classificare").textContent`); !strings.Contains(got, "Incontro con associazioni") {
		t.Fatalf("the label to classify is not listed: %q", got)
	}
	operator := eval[[]string](b, `[...document.querySelectorAll("select[id^=col]")].filter(s => s.value === "operator").map(s => document.querySelector("label[for=" + s.id + "]").textContent)`)
	if strings.Join(operator, "+") != "Cognome+Nome" {
		t.Errorf("proposed as the operator: %v, want Cognome+Nome", operator)
	}
	b.axe("mappatura con etichette da classificare")
	// The preview waits behind an import that holds the writer: its page
	// shows the progress and refreshes itself until the dry run ends.
	ts.importMu.Lock()
	b.do("preview, waiting its turn", chromedp.Click("#controlla"), chromedp.WaitVisible(".progress-line"))
	if got := eval[string](b, `document.querySelector("main").textContent`); !strings.Contains(got, "Anteprima dell'importazione di diario-febbraio.csv in corso") {
		t.Errorf("the preview's progress page: %q", got)
	}
	b.axe("anteprima in corso")
	b.screenshot("importa-anteprima-in-corso")
	ts.importMu.Unlock()
	// #avvia ends the page: the whole preview has arrived.
	b.do("preview", chromedp.WaitVisible("#avvia"))
	if got := eval[string](b, `document.querySelector("#prev-scartate").textContent`); got != "2" {
		t.Errorf("preview before classifying: %s rows to reject, want 2", got)
	}
	b.screenshot("importa-da-classificare")

	// Classify the label in the page, from the list's link to its select.
	sel := eval[string](b, `[...document.querySelectorAll("#da-classificare a")].find(a => a.textContent === "Incontro con associazioni").getAttribute("href")`)
	b.do("classify", chromedp.SetValue(sel, "community"), chromedp.Click("#controlla"),
		chromedp.WaitNotPresent("#da-classificare"), chromedp.WaitVisible("#avvia"))
	counts := eval[map[string]string](b, `Object.fromEntries([...document.querySelectorAll("[id^=prev-]")].map(e => [e.id, e.textContent]))`)
	if counts["prev-inserite"] != "5" || counts["prev-scartate"] != "0" {
		t.Errorf("preview after classifying: %v, want 5 to insert, none to reject", counts)
	}
	if heads := eval[string](b, `document.querySelector("#anteprima + div thead").textContent`); !strings.Contains(heads, "durata") || strings.Contains(heads, "minutes") {
		t.Errorf("the preview's columns: %q", heads)
	}
	b.axe("anteprima dell'importazione")
	b.do("scroll to the outcome", chromedp.ScrollIntoView("#esito"))
	b.screenshot("importa-anteprima")
	b.do("import", chromedp.Click("#avvia"), chromedp.WaitVisible("#lette"))
	if got := eval[string](b, `document.querySelector("#scartate").textContent`); got != "0" {
		t.Errorf("the import rejected %s rows, want none", got)
	}
	if got := eval[string](b, `document.querySelector("#inserite").textContent`); got != "5" {
		t.Errorf("the import inserted %s rows, want 5", got)
	}
	b.axe("riepilogo dell'importazione")
	b.screenshot("importa-riepilogo")
}
