-- Every spelling that names an operator, with the operator's ID: the ID
-- itself, the name, and each alias a roster recorded.
SELECT id, id FROM operator
UNION ALL SELECT name, id FROM operator
UNION ALL SELECT alias, operator_id FROM operator_alias
