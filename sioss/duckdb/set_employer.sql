-- Records the employer and the social-services flag of an operator's
-- contract periods that fall in a year ($4 = 1 January, $5 = 31 December).
UPDATE contract_period SET employer = $1, social_services = $2
WHERE operator_id = $3
  AND (start_date IS NULL OR start_date <= $5)
  AND (end_date IS NULL OR end_date >= $4)
