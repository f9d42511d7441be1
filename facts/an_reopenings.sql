-- The cartelle opened in the period, and those among them of a person who
-- had another cartella closed at most $months months before (the closure
-- day included).
SELECT count(*),
       count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM cases c1
           WHERE c1.person = c2.person AND c1.id <> c2.id AND c1.closed IS NOT NULL
             AND c2.opened >= c1.closed
             AND c2.opened <= CAST(c1.closed + to_months(CAST($months AS INTEGER)) AS DATE)))
FROM cases c2
WHERE c2.opened BETWEEN $from::DATE AND $to::DATE
