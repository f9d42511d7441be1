-- The operators who held a cartella on at least one day of the period
-- $from–$to on which it was open (the open and holder rules of
-- store/rules.sql, the days calibration_units.sql counts): their roles are
-- those that hold cartelle.
SELECT DISTINCT h.operator_id
FROM cases c JOIN carico_holder_spans() h ON h.case_id = c.id
WHERE carico_open_during(c.opened, c.closed, $from::DATE, $to::DATE)
    AND greatest(c.opened, h.from_date, $from::DATE)
        <= least(coalesce(c.closed - 1, $to::DATE), coalesce(h.until, $to::DATE), $to::DATE)
ORDER BY 1
