-- A new segnalazione (append-only); returns its number.
INSERT INTO segnalazione (operator_id, filed_by, filed_at, period_from, period_to, ref_date, figures, remarks, statement_pdf)
VALUES ($operator, $by, $at, $from, $to, $ref, $figures, $remarks, $pdf)
RETURNING id
