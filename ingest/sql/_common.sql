-- Definitions the template files share, parsed with each of them.
--
-- "on": the keys of two aliased relations match; a key may be NULL (a
-- staff row without a start date). Takes .A, .B, .Keys.
{{define "on"}}{{range $i, $k := .Keys}}{{if $i}} AND {{end}}{{$.A}}.{{$k}} IS NOT DISTINCT FROM {{$.B}}.{{$k}}{{end}}{{end}}
--
-- "changed": the record in .B changes the record in .A: some of .Cols
-- differ (IS DISTINCT FROM treats two NULLs as equal, as a re-import
-- should), or .B fills a NULL of one of .Fills.
{{define "changed"}}({{if .Cols}}({{range $i, $c := .Cols}}{{if $i}}, {{end}}{{$.A}}.{{$c}}{{end}}) IS DISTINCT FROM ({{range $i, $c := .Cols}}{{if $i}}, {{end}}{{$.B}}.{{$c}}{{end}}){{else}}false{{end}}{{range .Fills}} OR ({{$.A}}.{{.}} IS NULL AND {{$.B}}.{{.}} IS NOT NULL){{end}}){{end}}
--
-- "latest_period": each operator's staged rows of her latest contract
-- period, which operator and allocation hold for the figures at a
-- reference date.
{{define "latest_period"}}SELECT * FROM stg QUALIFY dense_rank() OVER (PARTITION BY operator_id ORDER BY start_date DESC NULLS LAST) = 1{{end}}
