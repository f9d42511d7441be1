-- The rows of .From that change .Target: those it does not hold (new),
-- and those whose .Cols differ from the record with their keys, or that
-- fill a NULL of its .Fills. One join classifies every row, where an
-- UPDATE and an INSERT … WHERE NOT EXISTS would join .From with .Target
-- twice; the UPDATE and the INSERT then read only these rows, usually
-- few (none when a file is imported again).
-- Template: .Target, .From, .Keys, .Cols, .Fills.
CREATE OR REPLACE TEMP TABLE delta AS
SELECT s.*, t.found IS NULL AS is_new
FROM ({{.From}}) AS s
LEFT JOIN (SELECT {{join .Keys ", "}}{{range .Cols}}, {{.}}{{end}}{{range .Fills}}, {{.}}{{end}}, true AS found
           FROM {{.Target}}) AS t
       ON {{range $i, $k := .Keys}}{{if $i}} AND {{end}}t.{{$k}} = s.{{$k}}{{end}}
WHERE t.found IS NULL
   OR {{template "changed" (dict "A" "t" "B" "s" "Cols" .Cols "Fills" .Fills)}}
