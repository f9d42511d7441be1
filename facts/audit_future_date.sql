-- Activities and cartelle dated after the day of their import (after $at
-- when no import is recorded). No diario entry dated on or before the
-- earliest of those days can be one, so only the later ones are joined to
-- their import (a Region's diario is tens of millions of rows).
WITH earliest AS (SELECT least(coalesce(min(CAST(started_at AS DATE)), $at::DATE), $at::DATE) AS day FROM import_batch)
SELECT NULL, a.id, a.operator_id, a.day, 'attività datata ' || strftime(a.day, '%d/%m/%Y')
FROM activity a LEFT JOIN import_batch b ON b.id = a.batch_id
WHERE a.day > (SELECT day FROM earliest) AND a.day > coalesce(CAST(b.started_at AS DATE), $at::DATE)
UNION ALL
SELECT c.id, NULL, c.operator_id, greatest(c.opened, c.closed, c.application, c.decision),
       'cartella con data ' || strftime(greatest(c.opened, c.closed, c.application, c.decision), '%d/%m/%Y')
FROM cases c LEFT JOIN import_batch b ON b.id = c.batch_id
WHERE greatest(c.opened, c.closed, c.application, c.decision) > coalesce(CAST(b.started_at AS DATE), $at::DATE)
UNION ALL
SELECT i.case_id, NULL, c.operator_id, greatest(i.received, i.decision),
       'istanza con data ' || strftime(greatest(i.received, i.decision), '%d/%m/%Y')
FROM istanza i LEFT JOIN cases c ON c.id = i.case_id LEFT JOIN import_batch b ON b.id = i.batch_id
WHERE greatest(i.received, i.decision) > coalesce(CAST(b.started_at AS DATE), $at::DATE)
