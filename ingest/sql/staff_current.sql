-- The stored contract periods, with the staging columns' names of a
-- roster, to count its new and changed rows.
SELECT p.operator_id, p.istat, o.name, o.role, p.weekly_hours, p.contract, p.start_date, p.end_date, p.share,
       p.employer, p.social_services
FROM contract_period p JOIN operator o ON o.id = p.operator_id
