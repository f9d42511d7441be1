-- Cartelle closed in the period, started on an istanza or another body's
-- request, with no decision recorded by the day of the closing.
SELECT id, NULL, operator_id, closed,
    'chiusa il ' || strftime(closed, '%d/%m/%Y') || CASE WHEN decision IS NULL THEN ' senza decisione'
         ELSE ', decisione registrata dopo, il ' || strftime(decision, '%d/%m/%Y') END
FROM an_closed_on_request WHERE decision IS NULL OR decision > closed
