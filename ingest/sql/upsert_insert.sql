-- Inserts into .Target the rows of .From it does not hold. With
-- .Batch the new records point to batch $batch.
-- Template: .Target, .From, .Keys, .Insert, .Batch.
INSERT INTO {{.Target}} ({{join .Insert ", "}}{{if .Batch}}, batch_id{{end}})
SELECT {{range $i, $c := .Insert}}{{if $i}}, {{end}}s.{{$c}}{{end}}{{if .Batch}}, $batch{{end}}
FROM ({{.From}}) AS s
WHERE NOT EXISTS (SELECT 1 FROM {{.Target}} AS t
                  WHERE {{range $i, $k := .Keys}}{{if $i}} AND {{end}}t.{{$k}} = s.{{$k}}{{end}})
