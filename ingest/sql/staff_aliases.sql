-- Records the spellings of the operators' names a roster carries; the
-- last row of a spelling wins.
INSERT OR REPLACE INTO operator_alias
SELECT alias, operator_id FROM stg
WHERE alias IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY alias ORDER BY line DESC) = 1
