-- Case activities of the period dated before their cartella's opening.
SELECT case_id, id, operator_id, day, 'cartella aperta il ' || strftime(opened, '%d/%m/%Y')
FROM an_case_activity WHERE day < opened
