-- The roster is the whole allocation of the operators it lists: comuni an
-- operator no longer serves are dropped.
DELETE FROM allocation a
WHERE a.operator_id IN (SELECT operator_id FROM stg)
  AND NOT EXISTS (SELECT 1 FROM ({{template "latest_period"}}) s
                  WHERE s.operator_id = a.operator_id AND s.istat = a.istat)
