-- Cartelle closed in the period, started on an istanza or another body's
-- request, with an istanza (an_istanza) not decided by the day of the
-- closing, or none at all.
WITH d AS (
    SELECT c.id, c.operator_id, c.closed,
           CASE WHEN bool_or(i.decision IS NULL) THEN NULL ELSE max(i.decision) END AS decision
    FROM an_closed_on_request c LEFT JOIN an_istanza i ON i.case_id = c.id
    GROUP BY c.id, c.operator_id, c.closed
)
SELECT id, NULL, operator_id, closed,
    'chiusa il ' || strftime(closed, '%d/%m/%Y') || CASE WHEN decision IS NULL THEN ' senza decisione'
         ELSE ', decisione registrata dopo, il ' || strftime(decision, '%d/%m/%Y') END
FROM d WHERE decision IS NULL OR decision > closed
