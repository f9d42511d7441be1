-- Case activities of the period dated after their cartella's closing.
SELECT case_id, id, operator_id, day, 'cartella chiusa il ' || strftime(closed, '%d/%m/%Y')
FROM an_case_activity WHERE day > closed
