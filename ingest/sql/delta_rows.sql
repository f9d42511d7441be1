-- The rows upsert_delta classified: the new ones with .New, else the
-- changed ones. Template: .New.
SELECT * EXCLUDE (is_new) FROM temp.delta WHERE {{if not .New}}NOT {{end}}is_new
