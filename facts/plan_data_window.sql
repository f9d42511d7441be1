-- The period the store covers: the diario's first and last day, or the
-- cartelle's (opening or closing) when there is no diario.
SELECT coalesce((SELECT min(day) FROM activity), (SELECT min(opened) FROM cases)),
       coalesce((SELECT max(day) FROM activity), (SELECT greatest(max(opened), max(closed)) FROM cases))
