-- The term, in days, of the procedures of one initiative.
INSERT INTO an_term VALUES ($initiative, $term)
