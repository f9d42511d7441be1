-- The responsabile records, from the SIOSS page, who employs a social
-- worker and whether she works in the social services, on her contract
-- periods that fall in a year ($first = 1 January, $last = 31 December).
-- The one write of the web application to the canonical tables; a roster
-- imported with these columns replaces it.
UPDATE contract_period SET employer = $employer, social_services = $social
WHERE operator_id = $operator
  AND (start_date IS NULL OR start_date <= $last)
  AND (end_date IS NULL OR end_date >= $first)
