package reports

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
)

// assets holds the ECharts build and its Italian locale, copied by
// `make assets` from the npm package pinned in web/package-lock.json. The
// whole directory is embedded (it always holds a README) so that packages
// importing reports build even before the scripts are fetched; writing an
// HTML page without them is an error, never a page that reaches for a CDN.
//
//go:embed assets
var assets embed.FS

// scriptNames are the scripts every dashboard inlines, in load order.
var scriptNames = []string{"echarts.min.js", "langIT.js"}

// scripts returns the JavaScript every dashboard inlines, in load order.
func scripts() ([][]byte, error) {
	var out [][]byte
	for _, name := range scriptNames {
		b, err := fs.ReadFile(assets, "assets/"+name)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && len(b) == 0) {
			return nil, fmt.Errorf("manca lo script %s in reports/assets: eseguire «make assets»", name)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// Script is one of the scripts every dashboard inlines, by name, for a
// server that serves them as cacheable files instead (web).
type Script struct {
	Name string
	Body []byte
}

// Scripts returns the scripts every dashboard inlines, in load order; each
// appears in the page as <script>Body</script>.
func Scripts() ([]Script, error) {
	js, err := scripts()
	if err != nil {
		return nil, err
	}
	out := make([]Script, len(js))
	for i, b := range js {
		out[i] = Script{Name: scriptNames[i], Body: b}
	}
	return out, nil
}
