package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// palette is the Okabe–Ito palette, distinguishable with the common colour
// vision deficiencies; ECharts' decal patterns add a second cue on top.
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999", "#000000"}

// htmlChart is a chart ready for the page: its container and its ECharts
// option as JSON, which the page's own script hands to echarts.init.
type htmlChart struct {
	ID      string
	Title   string
	Height  int
	Percent bool
	Option  template.JS
	TableID string
}

type htmlSection struct {
	*section
	Charts  []htmlChart
	TableID string
}

type htmlPage struct {
	*document
	Lead     *htmlChart // the lead's chart, drawn from a section's data
	Sections []htmlSection
	Scripts  []template.JS
	Date     string
}

func writeDashboard(path string, doc *document) error {
	js, err := scripts()
	if err != nil {
		return err
	}
	page := htmlPage{document: doc, Date: doc.Generated.Format("02/01/2006")}
	for _, s := range js {
		page.Scripts = append(page.Scripts, template.JS(s))
	}
	if s, c, ok := doc.leadChart(); ok {
		opt, err := echartsOption(s, c)
		if err != nil {
			return fmt.Errorf("grafico %q: %w", c.Title, err)
		}
		page.Lead = &htmlChart{ID: "g-lead", Title: c.Title, Height: chartHeight(s, c), Percent: c.Percent, Option: template.JS(opt), TableID: "tab-" + s.ID}
	}
	for i := range doc.Sections {
		s := &doc.Sections[i]
		hs := htmlSection{section: s, TableID: "tab-" + s.ID}
		for j, c := range s.Charts {
			opt, err := echartsOption(s, c)
			if err != nil {
				return fmt.Errorf("grafico %q: %w", c.Title, err)
			}
			hs.Charts = append(hs.Charts, htmlChart{
				ID: fmt.Sprintf("g-%s-%d", s.ID, j+1), Title: c.Title, Height: chartHeight(s, c),
				Percent: c.Percent, Option: template.JS(opt), TableID: hs.TableID,
			})
		}
		page.Sections = append(page.Sections, hs)
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, page); err != nil {
		return fmt.Errorf("pagina %s: %w", path, err)
	}
	return writeFile(path, func(out io.Writer) error {
		_, err := out.Write(buf.Bytes())
		return err
	})
}

func chartHeight(s *section, c chart) int {
	if c.Kind == chartGraph {
		return 460
	}
	if c.Kind == chartBar {
		return max(260, 70+28*len(c.rows(s.Table))*max(1, len(c.Series)*2/3))
	}
	return 380
}

// echartsOption builds the chart with go-echarts and returns its option as
// JSON. The page never uses go-echarts' own HTML, whose header would load
// the script from a CDN: the option alone goes into the page, and the
// inlined ECharts renders it.
func echartsOption(s *section, c chart) (string, error) {
	t := table{Columns: s.Table.Columns}
	rows := c.rows(s.Table)
	for _, i := range c.order(s.Table) {
		t.Rows = append(t.Rows, rows[i])
	}
	var cats []string
	for _, r := range t.Rows {
		cats = append(cats, c.category(t.Columns, r))
	}
	point := func(r []value, col int) any {
		v := r[col]
		if v.Missing {
			return nil // a hidden or undefined figure is a gap, not a zero
		}
		return v.Num
	}
	aria := &opts.Aria{Enabled: opts.Bool(true), Decal: &opts.AriaDecal{Show: opts.Bool(true)},
		Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: c.Title + ". I valori sono riportati nella tabella che segue il grafico."}}
	global := []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{Renderer: "svg", AssetsHost: "./"}),
		charts.WithTitleOpts(opts.Title{Show: opts.Bool(false)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(c.Series) > 1), Bottom: "0"}),
		charts.WithAriaOpts(aria),
		charts.WithColorsOpts(palette),
		charts.WithAnimation(false),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "2%", Right: "4%", Top: "24", Bottom: "40"}),
	}
	var chartJSON map[string]any
	switch c.Kind {
	case chartGraph:
		chartJSON = graphOption(c.Graph, global)
	case chartFan:
		l := charts.NewLine()
		l.SetGlobalOptions(append(global, charts.WithYAxisOpts(opts.YAxis{Name: c.Unit}))...)
		l.SetXAxis(cats)
		l.Validate()
		chartJSON = l.JSON()
		chartJSON["series"] = fanSeries(t, c)
		// Counts start at zero: a cut axis would make tens look like hundreds.
		chartJSON["yAxis"] = []map[string]any{{"type": "value", "name": c.Unit, "min": 0}}
		chartJSON["legend"] = map[string]any{"show": true, "bottom": "0"}
	case chartLine:
		l := charts.NewLine()
		l.SetGlobalOptions(append(global, charts.WithYAxisOpts(opts.YAxis{Name: c.Unit}))...)
		l.SetXAxis(cats)
		for _, col := range c.Series {
			var d []opts.LineData
			for _, r := range t.Rows {
				d = append(d, opts.LineData{Value: point(r, col)})
			}
			l.AddSeries(t.Columns[col].Name, d, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), ConnectNulls: opts.Bool(false)}))
		}
		l.Validate()
		chartJSON = l.JSON()
	case chartPie:
		p := charts.NewPie()
		p.SetGlobalOptions(global...)
		var d []opts.PieData
		for i, r := range t.Rows {
			d = append(d, opts.PieData{Name: cats[i], Value: point(r, c.Series[0])})
		}
		p.AddSeries(t.Columns[c.Series[0]].Name, d)
		p.Validate()
		chartJSON = p.JSON()
	default:
		b := charts.NewBar()
		b.SetGlobalOptions(append(global, charts.WithYAxisOpts(opts.YAxis{Name: c.Unit}))...)
		b.SetXAxis(cats)
		for _, col := range c.Series {
			var d []opts.BarData
			for _, r := range t.Rows {
				d = append(d, opts.BarData{Value: point(r, col)})
			}
			var so []charts.SeriesOpts
			if c.Stacked {
				so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: "totale"}))
			}
			b.AddSeries(t.Columns[col].Name, d, so...)
		}
		for _, col := range c.Lines {
			var d []opts.BarData
			for _, r := range t.Rows {
				d = append(d, opts.BarData{Value: point(r, col)})
			}
			b.AddSeries(t.Columns[col].Name, d)
		}
		if c.Kind == chartBar {
			b.XYReversal()
		}
		b.Validate()
		chartJSON = b.JSON()
	}
	delete(chartJSON, "toolbox")
	if len(c.Lines) > 0 {
		if err := overlayLines(chartJSON, len(c.Series), c.Unit); err != nil {
			return "", err
		}
	}
	if len(c.Refs) > 0 {
		if err := refLines(chartJSON, c); err != nil {
			return "", err
		}
	}
	if c.Kind == chartBar {
		// Horizontal bars: categories on the y axis, first row on top as in the table.
		if ys, ok := chartJSON["yAxis"].([]opts.YAxis); ok && len(ys) > 0 {
			chartJSON["yAxis"] = []map[string]any{{"type": "category", "data": ys[0].Data, "inverse": true}}
			chartJSON["xAxis"] = []map[string]any{{"type": "value", "name": c.Unit, "nameLocation": "middle", "nameGap": 28}}
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true) // the JSON sits inside a <script> element
	if err := enc.Encode(chartJSON); err != nil {
		return "", err
	}
	return strings.TrimSpace(buf.String()), nil
}

// seriesMaps is the option's series as plain maps, to be edited.
func seriesMaps(chartJSON map[string]any) ([]map[string]any, error) {
	raw, err := json.Marshal(chartJSON["series"])
	if err != nil {
		return nil, err
	}
	var series []map[string]any
	return series, json.Unmarshal(raw, &series)
}

// refLines draws c's thresholds across the value axis of the first
// series, each with its words.
func refLines(chartJSON map[string]any, c chart) error {
	series, err := seriesMaps(chartJSON)
	if err != nil {
		return err
	}
	if len(series) == 0 {
		return nil
	}
	axis, at := "yAxis", "end"
	if c.Kind == chartBar {
		// Horizontal bars: the values run along x, and the category axis
		// is inverted, so a vertical line's end is at the bottom, where
		// the axis labels are.
		axis, at = "xAxis", "start"
	}
	var data []map[string]any
	for _, r := range c.Refs {
		data = append(data, map[string]any{axis: r.Value, "name": r.Label,
			"label": map[string]any{"formatter": r.Label, "position": at}})
	}
	series[0]["markLine"] = map[string]any{"silent": true, "symbol": "none", "data": data,
		"lineStyle": map[string]any{"color": "#333", "type": "dashed", "width": 1.5}}
	chartJSON["series"] = series
	return nil
}

// overlayLines turns the series after the first n into lines on a second
// value axis: a stock (hundreds of open cases) drawn over its monthly flows
// (tens) would flatten them on a shared axis.
func overlayLines(chartJSON map[string]any, n int, unit string) error {
	series, err := seriesMaps(chartJSON)
	if err != nil {
		return err
	}
	for i := n; i < len(series); i++ {
		series[i]["type"] = "line"
		series[i]["yAxisIndex"] = 1
		series[i]["lineStyle"] = map[string]any{"width": 3}
		series[i]["symbol"] = "circle"
	}
	chartJSON["series"] = series
	chartJSON["yAxis"] = []map[string]any{
		{"type": "value", "name": unit + " (colonne)"},
		{"type": "value", "name": unit + " (linea)", "splitLine": map[string]any{"show": false}},
	}
	chartJSON["legend"] = map[string]any{"show": true, "bottom": "0"}
	// Room above the plot for the two axis names.
	chartJSON["grid"] = []map[string]any{{"containLabel": true, "left": "2%", "right": "2%", "top": 44, "bottom": 40}}
	return nil
}

// fanSeries draws observed values and the forecast as lines, and each
// prediction interval as a band: an invisible series at the lower bound with
// the band's width stacked on it, the widest band palest.
func fanSeries(t table, c chart) []map[string]any {
	col := func(i int) []any {
		var d []any
		for _, r := range t.Rows {
			if r[i].Missing {
				d = append(d, nil)
			} else {
				d = append(d, r[i].Num)
			}
		}
		return d
	}
	var out []map[string]any
	for i := len(c.Bands) - 1; i >= 0; i-- {
		lo, hi := c.Bands[i][0], c.Bands[i][1]
		width := col(hi)
		low := col(lo)
		for j := range width {
			if width[j] != nil && low[j] != nil {
				width[j] = width[j].(float64) - low[j].(float64)
			}
		}
		stack := fmt.Sprintf("banda%d", i)
		name := "Intervallo " + strings.TrimSuffix(t.Columns[lo].Name, " min")
		opacity := 0.18 + 0.17*float64(len(c.Bands)-1-i)
		out = append(out,
			map[string]any{"type": "line", "name": name, "data": low, "stack": stack, "symbol": "none", "lineStyle": map[string]any{"opacity": 0},
				"tooltip": map[string]any{"show": false}, "silent": true, "legendHoverLink": false, "color": palette[0]},
			map[string]any{"type": "line", "name": name, "data": width, "stack": stack, "symbol": "none", "lineStyle": map[string]any{"opacity": 0},
				"areaStyle": map[string]any{"color": palette[0], "opacity": opacity}, "color": palette[0]},
		)
	}
	for k, s := range c.Series {
		style := map[string]any{"width": 2}
		color := palette[1]
		if k > 0 {
			style["type"] = "dashed" // the forecast, told apart from history without colour
			color = palette[0]
		}
		out = append(out, map[string]any{"type": "line", "name": t.Columns[s].Name, "data": col(s), "symbol": "none", "lineStyle": style, "color": color, "connectNulls": false})
	}
	return out
}

// graphOption draws units as nodes coloured and labelled by their group,
// and adjacency as edges, laid out by force.
func graphOption(g *graph, global []charts.GlobalOpts) map[string]any {
	gr := charts.NewGraph()
	gr.SetGlobalOptions(global...)
	gr.Validate()
	out := gr.JSON()
	cat := map[string]int{}
	var cats []map[string]any
	for i, name := range g.Groups {
		cat[name] = i
		cats = append(cats, map[string]any{"name": name})
	}
	maxV := 1.0
	for _, n := range g.Nodes {
		maxV = max(maxV, n.Value)
	}
	var nodes []map[string]any
	for _, n := range g.Nodes {
		nodes = append(nodes, map[string]any{
			"name": n.Name, "value": n.Value, "category": cat[n.Group],
			"symbolSize": 18 + 30*n.Value/maxV,
			"label":      map[string]any{"show": true, "position": "right", "formatter": n.Name + "\n(" + n.Group + ")", "color": "#1b1f24"},
		})
	}
	var links []map[string]any
	for _, e := range g.Edges {
		links = append(links, map[string]any{"source": e[0], "target": e[1]})
	}
	out["series"] = []map[string]any{{
		"type": "graph", "layout": "force", "roam": false, "draggable": true, "categories": cats, "data": nodes, "links": links,
		"force": map[string]any{"repulsion": 700, "edgeLength": 110, "gravity": 0.2},
		"top":   40, "bottom": 60, // room for the labels above and the legend below
		"lineStyle": map[string]any{"color": "#6b7785", "width": 1.5},
		"emphasis":  map[string]any{"focus": "adjacency"},
	}}
	out["legend"] = map[string]any{"show": true, "bottom": "0", "data": g.Groups}
	out["tooltip"] = map[string]any{"show": true}
	delete(out, "xAxis")
	delete(out, "yAxis")
	return out
}

// cellClass is the CSS class of a table cell.
func cellClass(k valueKind, v value) string {
	switch {
	case k == kindStatus && v.Status != "":
		return "st st-" + string(v.Status)
	case k.numeric() || k == kindDate:
		return "num"
	case k == kindText && len(v.Text) > 30 && !strings.Contains(v.Text, " "):
		return "code" // a checksum: may break anywhere
	case k == kindText && len(v.Text) > 80:
		return "wide"
	}
	return ""
}

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"fmt":      func(c column, v value) string { return c.Kind.format(v) },
	"class":    func(c column, v value) string { return cellClass(c.Kind, v) },
	"symbol":   func(v value) string { return v.Status.symbol() },
	"hfmt":     func(h headline) string { return h.Kind.format(h.Value) },
	"hclass":   func(h headline) string { return cellClass(h.Kind, h.Value) },
	"label":    func(s status) string { return s.Label() },
	"sym":      func(s status) string { return s.symbol() },
	"isStatus": func(c column) bool { return c.Kind == kindStatus },
	"short":    func(c column, v value) bool { return len([]rune(c.Kind.format(v))) <= 24 },
}).Parse(pageHTML))

const pageHTML = `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="carico">
<title>{{.Title}}</title>
<style>
:root { --ink:#1b1f24; --muted:#4a5561; --line:#c9d1d9; --head:#e6ecf2; --focus:#0b57d0; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: var(--ink); margin: 0; background: #fff; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: .5em 1em; border: 2px solid var(--focus); z-index: 10; }
.skip:focus { left: 1em; top: 1em; }
header, main, footer, nav { max-width: 1200px; margin: 0 auto; padding: 0 1.5rem; }
header { padding-top: 1.5rem; border-bottom: 3px solid var(--ink); }
h1 { font-size: 1.8rem; margin: 0 0 .3rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .4rem; }
.sub { color: var(--muted); margin: 0 0 1rem; }
nav ul { list-style: none; padding: 0; margin: .8rem 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
a { color: #0b4f9c; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
section:focus { outline: none; }
.letter p { max-width: 60rem; text-align: justify; }
.wrap { overflow-x: auto; margin: .5rem 0 1rem; }
table { border-collapse: collapse; font-size: .92rem; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; }
thead th { background: var(--head); text-align: left; }
tbody th { text-align: left; font-weight: 600; }
tbody th.nw { white-space: nowrap; }
td.wide { min-width: 22rem; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.st { font-weight: 700; white-space: nowrap; }
.st-ok { background: #d8f0da; color: #1e5b27; }
.st-attenzione { background: #ffe9a8; color: #6b4e00; }
.st-critico { background: #f8cfcb; color: #8a1c12; }
figure { margin: 1rem 0; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
.chart { width: 100%; }
.chart svg { max-width: 100%; }
.notes { font-size: .88rem; color: var(--muted); }
footer { color: var(--muted); font-size: .85rem; padding: 2rem 1.5rem; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 10pt; }
  .skip, nav, .noprint { display: none !important; }
  header, main, footer { max-width: none; padding: 0; }
  h2 { break-after: avoid; margin-top: 1.2rem; }
  figure, tr, .headline { break-inside: avoid; }
  .wrap { overflow: visible; }
  table { font-size: 8.5pt; width: 100%; }
  th, td { padding: 2px 4px; }
  a { color: inherit; text-decoration: none; }
  .st-ok, .st-attenzione, .st-critico, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .chart { width: 100% !important; height: auto !important; }
  .aud-operatore section.detail, .aud-operatore figure.extra, figure .notes { display: none; }
  .aud-operatore body, body.aud-operatore { font-size: 9.5pt; line-height: 1.35; }
  .aud-operatore h1 { font-size: 15pt; }
  .aud-operatore h2 { font-size: 12pt; margin-top: .8rem; }
  .aud-operatore .letter p { margin: 0 0 .45em; }
  td.wide { min-width: 14em; }
  .aud-operatore td.wide { min-width: 0; }
  td.code { word-break: break-all; font-size: 7pt; min-width: 16em; }
  table.headline tbody th { width: 38%; }
  tbody th { min-width: 5.5em; }
  .aud-operatore tbody th.nw { white-space: nowrap; }
  .aud-operatore #metodo .more, .aud-operatore #andamento .more { display: none; }
}
</style>
</head>
<body class="aud-{{.Audience}}">
<a class="skip" href="#contenuto">Vai al contenuto</a>
<header>
<h1>{{.Title}}</h1>
<p class="sub">{{.Subtitle}}. Prodotto il {{.Date}} da carico.</p>
</header>
<nav aria-label="Indice del rapporto">
<ul>
{{if .Letter}}<li><a href="#prospetto">{{.LeadTitle}}</a></li>{{end}}
<li><a href="#sintesi">Sintesi</a></li>
{{range .Sections}}<li><a href="#{{.ID}}">{{.Sheet}}</a></li>
{{end}}</ul>
</nav>
<main id="contenuto" tabindex="-1">
{{if .Letter}}<section id="prospetto" class="letter" tabindex="-1" aria-labelledby="h-prospetto">
<h2 id="h-prospetto">{{.LeadTitle}}</h2>
{{range .Letter}}<p>{{.}}</p>
{{end}}{{with .Lead}}<figure>
<figcaption id="{{.ID}}-t">{{.Title}}</figcaption>
<div class="chart" id="{{.ID}}" data-percent="{{.Percent}}" role="img" aria-labelledby="{{.ID}}-t" aria-describedby="{{.ID}}-d" style="height:{{.Height}}px"></div>
<p class="notes" id="{{.ID}}-d">I dati del grafico sono nella <a href="#{{.TableID}}">tabella del foglio Andamento</a>.</p>
<script type="application/json" id="{{.ID}}-o">{{.Option}}</script>
</figure>
{{end}}</section>
{{end}}
<section id="sintesi" tabindex="-1" aria-labelledby="h-sintesi">
<h2 id="h-sintesi">Sintesi</h2>
<div class="wrap" role="region" aria-label="Tabella di sintesi" tabindex="0">
<table class="headline">
<caption>Indicatori principali, con stato e regola applicata</caption>
<thead><tr><th scope="col">Indicatore</th><th scope="col">Valore</th><th scope="col">Stato</th><th scope="col">Regola e fonte</th></tr></thead>
<tbody>
{{range .Headline}}<tr><th scope="row">{{.Label}}</th><td class="{{hclass .}}">{{hfmt .}}</td><td{{if .Status}} class="st st-{{.Status}}"{{end}}>{{if .Status}}<span aria-hidden="true">{{sym .Status}}</span> {{label .Status}}{{end}}</td><td class="wide">{{.Rule}}</td></tr>
{{end}}</tbody>
</table>
</div>
{{range .Notes}}<p class="notes">{{.}}</p>
{{end}}</section>
{{range .Sections}}{{$s := .}}
<section id="{{.ID}}" class="{{if and (ne .ID "andamento") (ne .ID "metodo")}}detail{{end}}" tabindex="-1" aria-labelledby="h-{{.ID}}">
<h2 id="h-{{.ID}}">{{.Title}}</h2>
<p>{{.Intro}}</p>
{{range $j, $c := .Charts}}<figure{{if $j}} class="extra"{{end}}>
<figcaption id="{{.ID}}-t">{{.Title}}</figcaption>
<div class="chart" id="{{.ID}}" data-percent="{{.Percent}}" role="img" aria-labelledby="{{.ID}}-t" aria-describedby="{{.ID}}-d" style="height:{{.Height}}px"></div>
<p class="notes" id="{{.ID}}-d">I dati del grafico sono nella <a href="#{{.TableID}}">tabella che segue</a>.</p>
<script type="application/json" id="{{.ID}}-o">{{.Option}}</script>
</figure>
{{end}}
<div class="wrap" role="region" aria-label="Tabella: {{.Title}}" tabindex="0">
<table id="{{.TableID}}">
<caption>{{.Title}}: dati</caption>
<thead><tr>{{range .Table.Columns}}<th scope="col">{{.Name}}</th>{{end}}</tr></thead>
<tbody>
{{range .Table.Rows}}<tr>{{range $i, $v := .}}{{$c := index $s.Table.Columns $i}}{{if eq $i 0}}<th scope="row"{{if short $c $v}} class="nw"{{end}}>{{fmt $c $v}}</th>{{else}}<td{{with class $c $v}} class="{{.}}"{{end}}>{{if isStatus $c}}{{with symbol $v}}<span aria-hidden="true">{{.}}</span> {{end}}{{end}}{{fmt $c $v}}</td>{{end}}{{end}}</tr>
{{end}}</tbody>
</table>
</div>
{{range .More}}{{$b := .}}<div class="more"><h3>{{.Title}}</h3>
<div class="wrap" role="region" aria-label="Tabella: {{.Title}}" tabindex="0">
<table>
<thead><tr>{{range .Table.Columns}}<th scope="col">{{.Name}}</th>{{end}}</tr></thead>
<tbody>
{{range .Table.Rows}}<tr>{{range $i, $v := .}}{{$c := index $b.Table.Columns $i}}{{if eq $i 0}}<th scope="row"{{if short $c $v}} class="nw"{{end}}>{{fmt $c $v}}</th>{{else}}<td{{with class $c $v}} class="{{.}}"{{end}}>{{if isStatus $c}}{{with symbol $v}}<span aria-hidden="true">{{.}}</span> {{end}}{{end}}{{fmt $c $v}}</td>{{end}}{{end}}</tr>
{{else}}<tr><td colspan="{{len .Table.Columns}}">Nessun dato.</td></tr>
{{end}}</tbody>
</table>
</div></div>
{{end}}{{range .Notes}}<p class="notes">{{.}}</p>
{{end}}</section>
{{end}}
</main>
<footer>
<p>Rapporto prodotto da carico il {{.Date}}. Funziona senza connessione: la libreria dei grafici (Apache ECharts) è inclusa nella pagina. Ogni grafico è accompagnato dalla tabella dei suoi dati.</p>
</footer>
{{range .Scripts}}<script>{{.}}</script>
{{end}}<script>
"use strict";
(function () {
  var nf = function (v, d) { return Number(v).toLocaleString("it-IT", { maximumFractionDigits: d }); };
  var instances = [];
  document.querySelectorAll(".chart").forEach(function (el) {
    var opt = JSON.parse(document.getElementById(el.id + "-o").textContent);
    var percent = el.dataset.percent === "true";
    var f = function (v) {
      if (v === null || v === undefined || v === "-") { return "n.d."; }
      // Two decimals at most: axis steps of indices below 1 (0,05) stay distinct.
      return percent ? nf(v * 100, 1) + " %" : nf(v, 2);
    };
    opt.tooltip = Object.assign(opt.tooltip || {}, { valueFormatter: f });
    ["xAxis", "yAxis"].forEach(function (ax) {
      (opt[ax] || []).forEach(function (a) {
        if (a.type === "value" || (!a.type && !a.data)) { a.axisLabel = { formatter: f }; }
      });
    });
    var chart = echarts.init(el, null, { renderer: "svg", locale: "IT" });
    chart.setOption(opt);
    instances.push(chart);
  });
  var resize = function () { instances.forEach(function (c) { c.resize(); }); };
  window.addEventListener("resize", resize);
  // Paper is narrower than the screen: redraw at once (not on the next
  // animation frame, which printing does not wait for) at A4 width.
  var redraw = function (size) {
    instances.forEach(function (c) {
      c.resize(size ? size(c) : undefined);
      c.getZr().refreshImmediately();
    });
  };
  var small = document.body.classList.contains("aud-operatore") ? 230 : 320;
  window.addEventListener("beforeprint", function () {
    redraw(function (c) { return { width: 680, height: Math.min(small, c.getDom().clientHeight) }; });
  });
  window.addEventListener("afterprint", function () { redraw(); });
})();
</script>
</body>
</html>
`
