-- Every contract period of the roster, one row per comune of its
-- allocation (the annual L. 178/2020 return, package sioss).
SELECT operator_id, istat, share, start_date, end_date, weekly_hours, contract,
    coalesce(employer, ''), social_services
FROM contract_period
ORDER BY operator_id, start_date NULLS FIRST, istat
