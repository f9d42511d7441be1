-- Every contract period of the social workers, one row per comune.
SELECT p.operator_id, p.istat, p.share, p.start_date, p.end_date, p.weekly_hours, p.contract,
       coalesce(p.employer, ''), p.social_services
FROM contract_period p JOIN operator o ON o.id = p.operator_id
WHERE o.role = 'assistente_sociale'
ORDER BY p.operator_id, p.start_date NULLS FIRST, p.istat
