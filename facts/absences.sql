-- The recorded days of absence of each operator, by year.
SELECT operator_id, year, leave_days, sick_days, other_days FROM absence ORDER BY operator_id, year
