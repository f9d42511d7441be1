-- The capacity register: every operator's dated reductions of her time for
-- cartelle, oldest first. A reduction states a percentage or hours per
-- week (the other is 0).
SELECT operator_id, from_date, coalesce(to_date, DATE '9999-12-31') AS to_date,
       coalesce(percent, 0), coalesce(hours_per_week, 0), reason, coalesce(note, '')
FROM capacity_reduction ORDER BY operator_id, from_date
