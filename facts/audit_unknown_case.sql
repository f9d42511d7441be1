-- Case activities of the period on a cartella missing from the list.
SELECT case_id, id, operator_id, day, 'cartella non presente nell''elenco'
FROM an_case_activity WHERE unknown
