-- The statement PDF attached to a segnalazione, with its operator.
SELECT operator_id, statement_pdf FROM segnalazione WHERE id = $id AND statement_pdf IS NOT NULL
