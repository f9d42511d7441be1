-- The allocation decisions, oldest first, with the name of the operator
-- chosen (empty when off the roster).
SELECT d.id, d.case_id, d.item_kind, d.operator_id, coalesce(o.name, ''), d.reason, coalesce(d.note, ''),
    d.load_before, d.load_after, d.decided_by, d.decided_at
FROM allocation_decision d LEFT JOIN operator o ON o.id = d.operator_id
ORDER BY d.id
