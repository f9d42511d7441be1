-- The term, in days, of one type of procedure (lower case, trimmed).
INSERT INTO an_procedure_term VALUES (lower(trim($procedure)), $term)
