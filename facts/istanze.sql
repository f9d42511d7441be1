-- Every istanza: those the istanze kind imported, many per cartella, and,
-- for the cartelle that kind says nothing of, the one the cartella's own
-- application and decision columns record (the cartelle kind's shortcut).
-- Each with its cartella's initiative, dates and holder (the cartella's
-- operator); source says where it comes from.
SELECT i.case_id, i.received, i.protocol, i.procedure, i.decision, coalesce(i.outcome, ''),
       c.initiative, c.opened, c.closed, c.operator_id, 'istanze' AS source
FROM istanza i LEFT JOIN cases c ON c.id = i.case_id
UNION ALL
SELECT c.id, c.application, '', '', c.decision, '',
       c.initiative, c.opened, c.closed, c.operator_id, 'cartella' AS source
FROM cases c
WHERE c.application IS NOT NULL AND NOT EXISTS (SELECT 1 FROM istanza i WHERE i.case_id = c.id)
ORDER BY 1, 2, 3, 4
