-- For records spread over two tables, counted before the merge: the
-- staged rows that are new, and those that change a stored record, which
-- .Current selects with the staging columns' names.
-- Template: .Current, .Keys, .Cols, .Fills.
SELECT count(*) FILTER (WHERE cur.{{index .Keys 0}} IS NULL),
       count(*) FILTER (WHERE cur.{{index .Keys 0}} IS NOT NULL
                        AND {{template "changed" (dict "A" "cur" "B" "s" "Cols" .Cols "Fills" .Fills)}})
FROM stg s LEFT JOIN ({{.Current}}) cur
  ON {{template "on" (dict "A" "cur" "B" "s" "Keys" .Keys)}}
