package web

import (
	"errors"
	"html"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/carico/carico"
	"github.com/carico/carico/facts"
)

// formValues reads a page's form as a browser would submit it untouched:
// each select's selected option (or its first) and each text input.
func formValues(page string) url.Values {
	v := url.Values{}
	selects := regexp.MustCompile(`(?s)<select id="[^"]*" name="([^"]+)"[^>]*>(.*?)</select>`)
	chosen := regexp.MustCompile(`<option value="([^"]*)" selected>`)
	for _, m := range selects.FindAllStringSubmatch(page, -1) {
		if c := chosen.FindStringSubmatch(m[2]); c != nil {
			v.Set(m[1], c[1])
		} else {
			v.Set(m[1], "")
		}
	}
	for _, m := range regexp.MustCompile(`<input type="text"[^>]* name="([^"]+)" value="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		v.Set(m[1], m[2])
	}
	return v
}

// preview posts the mapping form at loc and follows the upload's page
// while the dry run runs, as the browser does: it returns the page's
// status and text once the progress is gone.
func (ts *testServer) preview(t *testing.T, c *http.Client, loc string, form url.Values) (int, string) {
	t.Helper()
	res := ts.post(t, c, loc, form)
	if res.StatusCode != http.StatusSeeOther {
		return res.StatusCode, readBody(t, res)
	}
	return ts.settle(t, c, loc)
}

// settle opens loc until it no longer shows a preview or an import in
// progress; an ended import answers with a redirect to its summary.
func (ts *testServer) settle(t *testing.T, c *http.Client, loc string) (int, string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, body := ts.get(t, c, loc)
		if !strings.Contains(string(body), `class="progress-line"`) {
			return res.StatusCode, string(body)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s still in progress after a minute", loc)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// batchCount counts the import batches of the file named name.
func (ts *testServer) batchCount(t *testing.T, name string) int {
	t.Helper()
	var n int
	if err := ts.db.QueryRow(`SELECT count(*) FROM import_batch WHERE file = ?`, name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// diarioServer is a test server on a copy of the sample, a client logged
// in as the responsabile, and a maker of diario CSVs whose rows («ID;date;
// kind;minutes») are the first social worker's, under her surname and name
// in two columns.
func diarioServer(t *testing.T) (*testServer, *http.Client, func(rows ...string) string) {
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(Responsabile))
	cognome, nome, _ := strings.Cut(ts.operator.Name, " ")
	return ts, c, func(rows ...string) string {
		csv := "ID intervento;Data;Cognome;Nome;Tipo attività;Durata\n"
		for _, r := range rows {
			id, rest, _ := strings.Cut(r, ";")
			day, rest, _ := strings.Cut(rest, ";")
			csv += id + ";" + day + ";" + cognome + ";" + nome + ";" + rest + "\n"
		}
		return csv
	}
}

// TestImportPreviewUnclassified: a diario with Cognome and Nome columns and
// a label carico does not know. The mapping proposes Cognome + Nome as the
// operator and names the fields in Italian; the preview lists the
// unclassified label and the dry run's counts, with the rows parsed; the
// import is refused while rows would be rejected, unless confirmed; once
// the label is classified in the form the preview rejects nothing, the
// import commits with no rejection and the profile keeps the label.
func TestImportPreviewUnclassified(t *testing.T) {
	t.Parallel()
	ts, c, diario := diarioServer(t)
	res := uploadFile(t, ts, c, "diario-prova.csv", diario("W1;03/02/2025;Colloquio in sede;45", "W2;04/02/2025;Incontro con associazioni;90", "W3;05/02/2025;Colloquio in sede;30"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: status %d", res.StatusCode)
	}
	loc := res.Header.Get("Location")
	_, body := ts.get(t, c, loc)
	page := string(body)
	for _, english := range []string{">minutes<", ">case_id<", ">operator<", "«activities»", ">activities<"} {
		if strings.Contains(page, english) {
			t.Errorf("the mapping shows %s", english)
		}
	}
	if res := ts.post(t, c, loc+"/avvia", nil); res.StatusCode != http.StatusConflict || !strings.Contains(readBody(t, res), "Controllare l&#39;anteprima") {
		t.Errorf("import without a preview: status %d, want 409", res.StatusCode)
	}
	form := formValues(page)
	if !strings.Contains(page, `<option value="operator" selected>operatore (cognome e nome)</option>`) || strings.Count(page, `<option value="operator" selected>`) != 2 {
		t.Errorf("Cognome and Nome are not both proposed as the operator")
	}
	if !strings.Contains(page, `id="da-classificare"`) || !strings.Contains(page, "Incontro con associazioni</a> (tipo di attività)") {
		t.Fatalf("the unclassified label is not listed")
	}

	status, page := ts.preview(t, c, loc, form)
	counts := func(page string) map[string]string {
		out := map[string]string{}
		for _, m := range regexp.MustCompile(`id="prev-([a-z]+)">(\d+)<`).FindAllStringSubmatch(page, -1) {
			out[m[1]] = m[2]
		}
		return out
	}
	if got := counts(page); status != http.StatusOK || got["inserite"] != "2" || got["scartate"] != "1" {
		t.Fatalf("preview: status %d, counts %v; want 2 to insert, 1 to reject", status, got)
	}
	if !strings.Contains(page, "<td>03/02/2025</td>") || !strings.Contains(page, "<th scope=\"col\">durata</th>") || !strings.Contains(page, "<td>45</td>") ||
		!strings.Contains(page, "<td>"+ts.operator.ID+"</td>") || !strings.Contains(page, "<td>"+carico.KindCase.Label()+"</td>") || strings.Contains(page, "<td>case</td>") {
		t.Errorf("the preview does not show the rows parsed under Italian names")
	}
	if !strings.Contains(page, `id="conferma_scarti"`) {
		t.Errorf("no confirmation asked for the rejected row")
	}
	if res := ts.post(t, c, loc+"/avvia", nil); res.StatusCode != http.StatusConflict || !strings.Contains(readBody(t, res), "Una riga sarebbe scartata") {
		t.Errorf("import with a rejection, unconfirmed: status %d, want 409", res.StatusCode)
	}
	if batches := ts.batchCount(t, "diario-prova.csv"); batches != 0 {
		t.Fatalf("the preview or the refused import left %d batches", batches)
	}

	// Classify the label in the form, as the user does in the browser.
	sel := regexp.MustCompile(`<a href="#(val-kind-\d+)">Incontro con associazioni</a>`).FindStringSubmatch(page)
	if sel == nil {
		t.Fatal("no select for the unclassified label")
	}
	form = formValues(page)
	form.Set(sel[1], "community")
	_, page = ts.preview(t, c, loc, form)
	if got := counts(page); got["inserite"] != "3" || got["scartate"] != "0" || strings.Contains(page, `id="da-classificare"`) || strings.Contains(page, `id="conferma_scarti"`) {
		t.Fatalf("preview after classifying: counts %v", got)
	}
	if res := ts.post(t, c, loc+"/avvia", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("import: status %d", res.StatusCode)
	}
	if status, _ := ts.settle(t, c, loc); status != http.StatusSeeOther {
		t.Fatalf("the import ended with status %d, want a redirect to its summary", status)
	}
	var inserted, rejected int
	if err := ts.db.QueryRow(`SELECT inserted, rejected FROM import_batch WHERE file = 'diario-prova.csv'`).Scan(&inserted, &rejected); err != nil || inserted != 3 || rejected != 0 {
		t.Errorf("the import: %d inserted, %d rejected, %v; want 3, 0", inserted, rejected, err)
	}
	var profile string
	ts.db.QueryRow(`SELECT profile_toml FROM web_profile`).Scan(&profile)
	if !strings.Contains(profile, `"Incontro con associazioni" = "community"`) || !strings.Contains(profile, `operator = ["Cognome", "Nome"]`) {
		t.Errorf("the saved profile lacks the classified label or the operator:\n%s", profile)
	}
}

// TestImportPreviewOtherRoles: a roster whose qualifiche carico does not
// know (or that has none) is imported with those people as «altro»; the
// preview says so with the words `carico import` prints
// (ingest.Result.OtherRolesNote), and points to the form, not to a
// profile file.
func TestImportPreviewOtherRoles(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(Responsabile))
	comuni, err := facts.ComuneNames(t.Context(), ts.db)
	if err != nil || len(comuni) == 0 {
		t.Fatalf("comuni: %v, %d", err, len(comuni))
	}
	where := comuni[0].Name
	csv := "Matricola;Operatore;Qualifica;Ore settimanali;Contratto;Comune\n" +
		"X101;Rossi Maria;Assistente sociale;36;Tempo indeterminato;" + where + "\n" +
		"X102;Conti Ugo;Tecnico della riabilitazione;12;Tempo determinato;" + where + "\n" +
		"X103;Fabbri Ada;;20;Tempo determinato;" + where + "\n"
	res := uploadKind(t, ts, c, "staff", "personale-prova.csv", csv)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: status %d", res.StatusCode)
	}
	loc := res.Header.Get("Location")
	_, body := ts.get(t, c, loc)
	page := string(body)
	if strings.Contains(page, `id="qualifiche-altro"`) {
		t.Error("the warning shows before the preview")
	}
	if strings.Contains(page, `id="da-classificare"`) {
		t.Error("an unknown qualifica is said to reject its rows")
	}
	status, page := ts.preview(t, c, loc, formValues(page))
	page = html.UnescapeString(page)
	if m := regexp.MustCompile(`alert-danger[^>]*>([^<]*)`).FindStringSubmatch(page); m != nil {
		t.Logf("error: %s", m[1])
	}
	up := ts.uploads.get(strings.TrimPrefix(loc, "/importa/"), ts.now())
	if up == nil || up.dry == nil {
		t.Fatalf("preview: status %d, no dry run", status)
	}
	note := up.dry.OtherRolesNote()
	for _, want := range []string{"«Tecnico della riabilitazione» (1)", "qualifica mancante (1)", "2 righe", "«" + carico.RoleOther.Label() + "»"} {
		if !strings.Contains(note, want) {
			t.Errorf("the dry run's note lacks %q: %s", want, note)
		}
	}
	if !strings.Contains(page, `id="qualifiche-altro"`) || !strings.Contains(page, note) {
		t.Errorf("the preview does not show the warning %q", note)
	}
	if strings.Contains(page, "[values.role]") {
		t.Error("the preview sends the user to a profile file")
	}
}

// TestShutdownCancelsImport: an import started from the page and still
// waiting its turn when the server shuts down is cancelled, not lost in a
// goroutine that outlives the database: Close waits for it, the upload
// says why it failed, and the database holds nothing of the file.
func TestShutdownCancelsImport(t *testing.T) {
	t.Parallel()
	ts, c, diario := diarioServer(t)
	res := uploadFile(t, ts, c, "diario-chiusura.csv", diario("S1;03/02/2025;Colloquio in sede;45"))
	loc := res.Header.Get("Location")
	_, body := ts.get(t, c, loc)
	if status, _ := ts.preview(t, c, loc, formValues(string(body))); status != http.StatusOK {
		t.Fatalf("preview: status %d", status)
	}
	ts.importMu.Lock() // an import before it holds the writer
	if res := ts.post(t, c, loc+"/avvia", nil); res.StatusCode != http.StatusSeeOther {
		ts.importMu.Unlock()
		t.Fatalf("import: status %d", res.StatusCode)
	}
	up := ts.uploads.get(strings.TrimPrefix(loc, "/importa/"), ts.now())
	if up == nil {
		ts.importMu.Unlock()
		t.Fatal("the upload is gone before the import ran")
	}
	closed := make(chan error, 1)
	go func() { closed <- ts.Close() }()
	for ts.stopping.Err() == nil {
		time.Sleep(time.Millisecond)
	}
	ts.importMu.Unlock()
	select {
	case <-closed:
	case <-time.After(60 * time.Second):
		t.Fatal("Close did not wait for the import to end")
	}
	up.mu.Lock()
	state, err := up.state, up.err
	up.mu.Unlock()
	if state != "fallita" || !errors.Is(err, errStopped) {
		t.Errorf("the upload after shutdown: %q, %v; want «fallita» with errStopped", state, err)
	}
	if batches := ts.batchCount(t, "diario-chiusura.csv"); batches != 0 {
		t.Errorf("the cancelled import left %d batches", batches)
	}
}

// TestPreviewInBackground: the preview's dry run waits its turn behind the
// one writer without holding the request: the form is answered at once
// with the upload's page, which shows the progress and refuses to import
// until the dry run has ended; then it shows the dry run's counts.
func TestPreviewInBackground(t *testing.T) {
	t.Parallel()
	ts, c, diario := diarioServer(t)
	res := uploadFile(t, ts, c, "diario-attesa.csv", diario("B1;03/02/2025;Colloquio in sede;45", "B2;04/02/2025;Colloquio in sede;30"))
	loc := res.Header.Get("Location")
	_, body := ts.get(t, c, loc)
	ts.importMu.Lock() // an import before it holds the writer
	res = ts.post(t, c, loc, formValues(string(body)))
	_, page := ts.get(t, c, loc)
	avvia := ts.post(t, c, loc+"/avvia", nil)
	ts.importMu.Unlock()
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(string(page), "Anteprima dell&#39;importazione di <strong>diario-attesa.csv</strong> in corso") {
		t.Errorf("the form while the writer is busy: status %d, page without the preview's progress", res.StatusCode)
	}
	if avvia.StatusCode != http.StatusSeeOther {
		t.Errorf("an import asked during the preview: status %d, want a redirect to the progress", avvia.StatusCode)
	}
	status, text := ts.settle(t, c, loc)
	if status != http.StatusOK || !strings.Contains(text, `id="prev-inserite">2<`) {
		t.Errorf("after the dry run: status %d, no count of 2 rows to insert", status)
	}
	if batches := ts.batchCount(t, "diario-attesa.csv"); batches != 0 {
		t.Errorf("the preview or the import asked during it left %d batches", batches)
	}
}

// TestFailedImportKeepsFile: an import that fails leaves the uploaded file
// for the retry the page offers; once corrected, the same upload imports
// and its file is deleted.
func TestFailedImportKeepsFile(t *testing.T) {
	t.Parallel()
	ts, c, diario := diarioServer(t)
	good := diario("F1;03/02/2025;Colloquio in sede;45")
	res := uploadFile(t, ts, c, "diario-riprova.csv", good)
	loc := res.Header.Get("Location")
	_, body := ts.get(t, c, loc)
	if status, _ := ts.preview(t, c, loc, formValues(string(body))); status != http.StatusOK {
		t.Fatalf("preview: status %d", status)
	}
	up := ts.uploads.get(strings.TrimPrefix(loc, "/importa/"), ts.now())
	// The file changes on disk after the preview: its columns are gone.
	if err := os.WriteFile(up.path, []byte("Altro;Ancora\nx;y\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ts.post(t, c, loc+"/avvia", nil)
	if status, page := ts.settle(t, c, loc); status != http.StatusOK || !strings.Contains(page, "Importazione non riuscita") {
		t.Fatalf("the failed import: status %d, no failure said", status)
	}
	if _, err := os.Stat(up.path); err != nil {
		t.Fatalf("the failed import deleted the upload: %v", err)
	}
	if err := os.WriteFile(up.path, []byte(good), 0o600); err != nil {
		t.Fatal(err)
	}
	_, body = ts.get(t, c, loc)
	if status, _ := ts.preview(t, c, loc, formValues(string(body))); status != http.StatusOK {
		t.Fatalf("preview again: status %d", status)
	}
	ts.post(t, c, loc+"/avvia", nil)
	if status, _ := ts.settle(t, c, loc); status != http.StatusSeeOther {
		t.Fatalf("the retried import: status %d, want a redirect to its summary", status)
	}
	if _, err := os.Stat(up.path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the imported upload is still on disk: %v", err)
	}
}
