-- How long each cartella was open in the period $from–$to, split by the
-- operator holding it (carico_holder_spans), summed by holder × area ×
-- complexity in years of 365.25 days. A day counts when the cartella is
-- open at its end (carico_open_on): from the opening day to the day before
-- the closing.
WITH span AS (
    SELECT coalesce(h.operator_id, '') AS operator_id, coalesce(c.area, '') AS area, coalesce(c.complexity, 0) AS complexity,
        date_diff('day',
            greatest(c.opened, coalesce(h.from_date, c.opened), $from::DATE),
            least(coalesce(c.closed - 1, $to::DATE), coalesce(h.until, $to::DATE), $to::DATE)) + 1 AS days
    FROM cases c LEFT JOIN carico_holder_spans() h ON h.case_id = c.id
    WHERE carico_open_during(c.opened, c.closed, $from::DATE, $to::DATE)
)
SELECT operator_id, area, complexity, sum(days) / 365.25 FROM span WHERE days > 0 GROUP BY ALL ORDER BY ALL
