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
	// The catalogue's version is the changelog's latest, on the same day.
	latest := regexp.MustCompile(`(?m)^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$`).FindStringSubmatch(readRoot(t, "CHANGELOG.md"))
	if latest == nil || f.SoftwareVersion != latest[1] || f.ReleaseDate != latest[2] {
		t.Errorf("softwareVersion %q of %s, CHANGELOG.md's latest section %v", f.SoftwareVersion, f.ReleaseDate, latest)
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
		{"old version", `publiccodeYmlVersion: "0.7"`, `publiccodeYmlVersion: "0.4"`, "follows version 0.7"},
		{"bad platform", "  - windows\n", "  - win32\n", `platforms: "win32" is not one of`},
		{"bad category", "  - data-analytics\n", "  - social-work\n", `categories: "social-work" is not a category`},
		{"bad status", "developmentStatus: beta", "developmentStatus: prototipo", "developmentStatus:"},
		{"bad type", `softwareType: "standalone/desktop"`, `softwareType: "desktop"`, "softwareType:"},
		{"bad scope", "    - welfare\n", "    - social\n", "intendedAudience.scope"},
		{"lower-case country", "    - IT\n  scope", "    - it\n  scope", "lower case is deprecated"},
		{"Italian section, lower case", "localisation:", "it:\n  countryExtensionVersion: \"1.0\"\nlocalisation:", "it: deprecated by the standard"},
		{"Italian section", "localisation:", "IT:\n  countryExtensionVersion: \"1.0\"\nlocalisation:", "IT: deprecated by the standard"},
		{"monochrome logo", "name: carico\n", "name: carico\nmonochromeLogo: logo.svg\n", "monochromeLogo: deprecated"},
		{"authors file", "  license: EUPL-1.2", "  license: EUPL-1.2\n  authorsFile: AUTHORS", "legal.authorsFile: deprecated"},
		{"repo owner", "  license: EUPL-1.2", "  license: EUPL-1.2\n  repoOwner: Comune", "legal.repoOwner: deprecated"},
		{"generic name", "    localisedName: carico", "    localisedName: carico\n    genericName: carico", "description.it.genericName: deprecated"},
		{"input types", "name: carico\n", "name: carico\ninputTypes:\n  - text/csv\n", "inputTypes: deprecated"},
		{"bad supports id", "name: carico\n", "name: carico\nsupports:\n  - id: gdpr\n", "supports.id"},
		{"long short description", "in dati per le decisioni sul personale.", "in dati per le decisioni sul personale. " + strings.Repeat("Ancora. ", 10), "shortDescription: 1"},
		{"no features", "    features:\n", "    screenshots:\n", "description.it.features: mandatory"},
		{"long feature", "      - Oscuramento dei numeri piccoli", "      - " + strings.Repeat("x", 101) + " Oscuramento", "between 1 and 100"},
		{"no licence", "  license: EUPL-1.2", "  license: ''", "legal.license: mandatory"},
		{"community without contacts", "  contacts:\n    - name: Manutentori di carico\n", "", "maintenance.contacts: mandatory"},
		{"no localisationReady", "  localisationReady: false\n", "", "localisationReady: mandatory"},
		{"bad dependency kind", "  proprietary:", "  closed:", "dependsOn.closed"},
		{"bad date", `releaseDate: "2026-12-07"`, `releaseDate: "07/12/2026"`, "not a date"},
		{"version without date", "releaseDate: \"2026-12-07\"\n", "", "releaseDate: mandatory when softwareVersion"},
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
