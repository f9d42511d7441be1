# carico: the two commands a new machine needs are `make demo` and `make test`.
# Go modules come from the module proxy; the ECharts script comes from the npm
# registry (pinned in reports/web/package-lock.json) and is embedded at build time.

GO ?= go
OUT ?= demo-out

.PHONY: demo test assets bench

demo: assets
	$(GO) run ./cmd/carico demo --out $(OUT)

test: assets
	$(GO) test ./...

assets:

bench: assets
	$(GO) test -run '^$$' -bench . -benchmem ./...
