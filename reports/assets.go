package reports

import (
	"embed"
	"errors"
	"io/fs"
)

// assets holds the ECharts build copied by `make assets` from the npm package
// pinned in web/package-lock.json. The whole directory is embedded (it always
// holds a README) so that packages importing reports build even before the
// script is fetched; writing an HTML page without it is an error, never a
// page that would reach for a CDN.
//
//go:embed assets
var assets embed.FS

func echartsScript() ([]byte, error) {
	b, err := fs.ReadFile(assets, "assets/echarts.min.js")
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(b) == 0) {
		return nil, errors.New("manca lo script ECharts (reports/assets/echarts.min.js): eseguire «make assets»")
	}
	return b, err
}
