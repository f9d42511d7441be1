package publiccode

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func readRoot(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCaricoPubliccode validates the repository's publiccode.yml and checks
// that what it declares is what the repository does: the licence in
// LICENSE, the module's address, the platforms release/build.sh builds,
// the Italian description and interface.
func TestCaricoPubliccode(t *testing.T) {
	t.Parallel()
	f, err := Parse([]byte(readRoot(t, "publiccode.yml")))
	if err != nil {
		t.Fatalf("publiccode.yml is not valid:\n%v", err)
	}
	if f.Legal.License != "EUPL-1.2" || !strings.HasPrefix(readRoot(t, "LICENSE"), "EUROPEAN UNION PUBLIC LICENCE v. 1.2") {
		t.Errorf("legal.license %q and LICENSE disagree", f.Legal.License)
	}
	module := regexp.MustCompile(`(?m)^module (\S+)`).FindStringSubmatch(readRoot(t, "go.mod"))
	if module == nil || f.URL != "https://"+module[1] {
		t.Errorf("url %q is not the module's repository %v", f.URL, module)
	}
	build := readRoot(t, "release/build.sh")
	var built []string
	for _, m := range regexp.MustCompile(`(?m)^\t(windows|linux|darwin)-(amd64|arm64)\)`).FindAllStringSubmatch(build, -1) {
		if !slices.Contains(built, m[1]) {
			built = append(built, m[1])
		}
	}
	slices.Sort(built)
	declared := slices.Sorted(slices.Values(f.Platforms))
	if !slices.Equal(declared, built) {
		t.Errorf("platforms %v, release/build.sh builds %v", declared, built)
	}
	if _, ok := f.Description["it"]; !ok {
		t.Error("no Italian description")
	}
	if !slices.Equal(f.Localisation.AvailableLanguages, []string{"it"}) {
		t.Errorf("availableLanguages %v: carico speaks Italian only", f.Localisation.AvailableLanguages)
	}
}

// TestRules breaks the repository's file one rule at a time: each break must
// be reported, naming its key, so that the check above could fail.
func TestRules(t *testing.T) {
	t.Parallel()
	good := readRoot(t, "publiccode.yml")
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"unknown key", "name: carico", "name: carico\nnome: carico", "field nome not found"},
		{"no name", "name: carico\n", "", "name: mandatory key missing"},
		{"old version", `publiccodeYmlVersion: "0.4"`, `publiccodeYmlVersion: "0.2"`, "follows version 0.4"},
		{"bad platform", "  - windows\n", "  - win32\n", `platforms: "win32" is not one of`},
		{"bad category", "  - data-analytics\n", "  - social-work\n", `categories: "social-work" is not a category`},
		{"bad status", "developmentStatus: beta", "developmentStatus: prototipo", "developmentStatus:"},
		{"bad type", `softwareType: "standalone/desktop"`, `softwareType: "desktop"`, "softwareType:"},
		{"bad scope", "    - welfare\n", "    - social\n", "intendedAudience.scope"},
		{"upper-case country", "    - it\n  scope", "    - IT\n  scope", "ISO 3166-1"},
		{"long short description", "in dati per le decisioni sul personale.", "in dati per le decisioni sul personale. " + strings.Repeat("Ancora. ", 10), "shortDescription: 1"},
		{"no features", "    features:\n", "    screenshots:\n", "description.it.features: mandatory"},
		{"long feature", "      - Oscuramento dei numeri piccoli", "      - " + strings.Repeat("x", 101) + " Oscuramento", "between 1 and 100"},
		{"no licence", "  license: EUPL-1.2", "  license: ''", "legal.license: mandatory"},
		{"community without contacts", "  contacts:\n    - name: Manutentori di carico\n", "", "maintenance.contacts: mandatory"},
		{"no localisationReady", "  localisationReady: false\n", "", "localisationReady: mandatory"},
		{"bad dependency kind", "  proprietary:", "  closed:", "dependsOn.closed"},
		{"bad extension version", `countryExtensionVersion: "1.0"`, `countryExtensionVersion: "0.2"`, "it.countryExtensionVersion"},
		{"bad date", `releaseDate: "2026-12-01"`, `releaseDate: "01/12/2026"`, "not a date"},
	} {
		if !strings.Contains(good, tc.old) {
			t.Errorf("%s: %q not in publiccode.yml", tc.name, tc.old)
			continue
		}
		_, err := Parse([]byte(strings.Replace(good, tc.old, tc.new, 1)))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}
