-- The first and last date of the cartelle (opening or closing; NULL when
-- there are none).
SELECT min(opened), greatest(max(opened), max(closed)) FROM cases
