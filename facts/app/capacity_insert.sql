-- The responsabile adds a reduction to the capacity register from the web
-- application (no import batch).
INSERT INTO capacity_reduction (operator_id, from_date, to_date, percent, hours_per_week, reason, note)
VALUES ($operator, $from, $to, $percent, $hours, $reason, $note)
