package reports

import (
	"strings"
	"testing"

	"github.com/carico/carico/model"
)

// TestFTETermFollowsConfig checks that the method text divides by the
// configured full-time week, never a fixed 36, and that an FTE reads with
// the same two decimals in every table (0,83, never 0,8).
func TestFTETermFollowsConfig(t *testing.T) {
	t.Parallel()
	cfg := model.DefaultConfig()
	cfg.AWT.FullTimeHours = 38
	got := fteTerm(cfg).Meaning
	if !strings.Contains(got, "÷ 38") || strings.Contains(got, "36") || !strings.Contains(got, "19 ore vale 0,50 FTE") {
		t.Errorf("FTE term under a 38-hour week: %q", got)
	}
	if std := fteTerm(model.DefaultConfig()).Meaning; !strings.Contains(std, "÷ 36 (il tempo pieno del contratto Funzioni Locali)") {
		t.Errorf("FTE term under the default week: %q", std)
	}
	if s := kindFTE.format(num(30.0 / 36)); s != "0,83" {
		t.Errorf("FTE 30/36 shown as %q, want 0,83", s)
	}
	// The FTE of the team and of an operator are FTE, not decimals.
	m := fixtureMetrics()
	b := &builder{m: m, opt: Options{Audience: Responsabile}}
	hs := b.teamHeadline()
	b.op = &m.Operators[0]
	hs = append(hs, b.operatorHeadline()...)
	n := 0
	for _, h := range hs {
		if strings.HasPrefix(h.Label, "Tempo pieno equivalente") {
			n++
			if h.Kind != kindFTE {
				t.Errorf("headline %q has kind %v, want kindFTE", h.Label, h.Kind)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d FTE headlines, want 2", n)
	}
}
