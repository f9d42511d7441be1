-- The operators of a roster: each one's latest row, with the start of her
-- first period (NULL if any period has none).
SELECT operator_id AS id, coalesce(name, operator_id) AS name, role, weekly_hours, contract,
       CASE WHEN bool_or(start_date IS NULL) OVER (PARTITION BY operator_id) THEN NULL
            ELSE min(start_date) OVER (PARTITION BY operator_id) END AS start_date,
       end_date
FROM stg
QUALIFY row_number() OVER (PARTITION BY operator_id ORDER BY start_date DESC NULLS LAST, line DESC) = 1
