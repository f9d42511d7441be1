-- Updates the records of .Target that a row of .From changes:
-- .Cols take the row's value, .Fills only fill a stored NULL. With .Batch
-- the changed records point to batch $batch.
-- Template: .Target, .From, .Keys, .Cols, .Fills, .Batch.
UPDATE {{.Target}} AS t
SET {{range $i, $c := .Cols}}{{if $i}}, {{end}}{{$c}} = s.{{$c}}{{end}}
    {{- range $i, $c := .Fills}}{{if or $i $.Cols}}, {{end}}{{$c}} = coalesce(t.{{$c}}, s.{{$c}}){{end}}
    {{- if .Batch}}, batch_id = $batch{{end}}
FROM ({{.From}}) AS s
WHERE {{range $i, $k := .Keys}}{{if $i}} AND {{end}}t.{{$k}} = s.{{$k}}{{end}}
  AND {{template "changed" (dict "A" "t" "B" "s" "Cols" .Cols "Fills" .Fills)}}
