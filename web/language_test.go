package web

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/carico/carico/internal/usererr"
)

var (
	hidden = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<head.*?</head>|<[^>]*>`)
	title  = regexp.MustCompile(`(?s)<title>(.*?)</title>`)
)

// TestItalianErrorPages asks for what does not exist or is not valid —
// an unknown page, a method a page does not take, a bad date, an unknown
// comune or area, a bad scenario — and fails on English words in the page
// the user reads, its title included.
func TestItalianErrorPages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, openCopy(t))
	c := client(t)
	ts.login(t, c, string(Responsabile))
	for _, path := range []string{
		"/non-esiste", "/cruscotto?dal=ieri&al=oggi", "/cruscotto?dal=2025-01-01", "/cruscotto?dal=2025-12-31&al=2025-01-01",
		"/cruscotto?comune=999999", "/cruscotto?area=boh", "/prospetto?operatore=nessuno", "/prospetto?comune=016001",
		"/importazioni/999999", "/importa/sconosciuto",
	} {
		_, body := ts.get(t, c, path)
		checkItalianPage(t, "GET "+path, body)
	}
	for path, form := range map[string]url.Values{
		"/scenari":      {"nome": {"x"}, "assunzioni": {"uno virgola due"}},
		"/utenti":       {"utente": {"x"}},
		"/non-esiste":   {},
		"/cruscotto":    {},
		"/importazioni": {},
	} {
		res := ts.post(t, c, path, form)
		var b strings.Builder
		buf := make([]byte, 1<<16)
		for {
			n, err := res.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		checkItalianPage(t, "POST "+path, []byte(b.String()))
	}
}

func checkItalianPage(t *testing.T, what string, body []byte) {
	t.Helper()
	page := string(body)
	text := ""
	if m := title.FindStringSubmatch(page); m != nil {
		text = m[1] + "\n"
	}
	text += hidden.ReplaceAllString(page, " ")
	if words := usererr.English(text); len(words) > 0 {
		t.Errorf("%s: English %v in the page:\n%s", what, words, strings.Join(strings.Fields(text), " "))
	}
}
