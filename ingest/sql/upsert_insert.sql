-- Inserts into .Target the rows of .From it does not hold; with .First,
-- every row: .From holds only new ones (a first load into the empty
-- table, where the join that finds them would cost as much as the insert,
-- or the new rows upsert_delta found). With .Batch the new records point
-- to batch $batch.
-- Template: .Target, .From, .Keys, .Insert, .Batch, .First.
INSERT INTO {{.Target}} ({{join .Insert ", "}}{{if .Batch}}, batch_id{{end}})
SELECT {{range $i, $c := .Insert}}{{if $i}}, {{end}}s.{{$c}}{{end}}{{if .Batch}}, $batch{{end}}
FROM ({{.From}}) AS s
{{- if not .First}}
WHERE NOT EXISTS (SELECT 1 FROM {{.Target}} AS t
                  WHERE {{range $i, $k := .Keys}}{{if $i}} AND {{end}}t.{{$k}} = s.{{$k}}{{end}})
{{- end}}
