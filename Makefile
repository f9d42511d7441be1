# carico: the two commands a new machine needs are `make demo` and `make test`.
# Go modules come from the module proxy; the ECharts script comes from the npm
# registry (pinned in reports/web/package-lock.json) and is embedded at build time.

GO ?= go
OUT ?= demo-out
ECHARTS := reports/assets/echarts.min.js reports/assets/langIT.js

.PHONY: demo test vet assets bench

demo: assets
	$(GO) run ./cmd/carico demo --out $(OUT) --overwrite

test: assets
	$(GO) test ./...

vet: assets
	$(GO) vet ./...

assets: $(ECHARTS)

# npm runs only when the lockfile changed or a script is missing.
$(ECHARTS) &: reports/web/package-lock.json
	npm ci --prefix reports/web --no-audit --no-fund --loglevel=error
	cp reports/web/node_modules/echarts/dist/echarts.min.js reports/web/node_modules/echarts/i18n/langIT.js reports/assets/

bench: assets
	$(GO) test -run '^$$' -bench . -benchmem ./...
