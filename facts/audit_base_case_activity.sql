-- Base of the rules on case activities: the diario entries of the period
-- on a cartella.
SELECT count(*) FROM activity WHERE day BETWEEN $from::DATE AND $to::DATE AND case_id IS NOT NULL
