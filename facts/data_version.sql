-- What changes when the data a derived figure rests on changes: the import
-- batches (every write of the canonical tables is an import) and the rows
-- of the tables the case weights are calibrated on. Empty without any
-- import batch: data that did not come through the importer (a test's or a
-- benchmark's hand-built tables) has no version, and nothing derived from
-- it is kept. (The rows are counted apart from the CASE: inside it DuckDB
-- would count the diario row by row instead of reading its count.)
WITH n AS (
    SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM assignment) AS assignment,
        (SELECT count(*) FROM activity) AS activity, (SELECT count(*) FROM operator) AS operator,
        (SELECT count(*) FROM contract_period) AS contract_period, (SELECT count(*) FROM absence) AS absence,
        (SELECT count(*) FROM capacity_reduction) AS capacity_reduction
),
b AS (SELECT count(*) AS n, coalesce(max(id), 0) AS last, coalesce(max(finished_at)::VARCHAR, '') AS finished FROM import_batch)
SELECT CASE WHEN b.n = 0 THEN '' ELSE concat_ws(':', b.n, b.last, b.finished, n.cases, n.assignment, n.activity,
    n.operator, n.contract_period, n.absence, n.capacity_reduction) END
FROM b, n
