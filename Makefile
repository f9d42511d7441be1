# carico: the two commands a new machine needs are `make demo` and `make test`.
# Go modules come from the module proxy; the ECharts script comes from the npm
# registry (pinned in reports/web/package-lock.json) and is embedded at build time.

GO ?= go
OUT ?= demo-out
ECHARTS := reports/assets/echarts.min.js reports/assets/langIT.js
UI := web/static/bootstrap-italia.min.css web/ui/node_modules/axe-core/axe.min.js

.PHONY: demo test vet assets bench

demo: assets
	$(GO) run ./cmd/carico demo --out $(OUT)

test: assets
	$(GO) test ./...

vet: assets
	$(GO) vet ./...

assets: $(ECHARTS) $(UI)

# npm runs only when the lockfile changed or a script is missing.
$(ECHARTS) &: reports/web/package-lock.json
	npm ci --prefix reports/web --no-audit --no-fund --loglevel=error
	cp reports/web/node_modules/echarts/dist/echarts.min.js reports/web/node_modules/echarts/i18n/langIT.js reports/assets/

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
