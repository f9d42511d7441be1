-- What changes when the data a derived figure rests on changes: the import
-- batches (every write of the canonical tables is an import) and the rows
-- of the tables the case weights are calibrated on. Empty without any
-- import batch: data that did not come through the importer (a test's or a
-- benchmark's hand-built tables) has no version, and nothing derived from
-- it is kept.
SELECT CASE WHEN b.n = 0 THEN '' ELSE concat_ws(':', b.n, b.last, b.finished,
    (SELECT count(*) FROM cases), (SELECT count(*) FROM assignment), (SELECT count(*) FROM activity),
    (SELECT count(*) FROM operator), (SELECT count(*) FROM contract_period),
    (SELECT count(*) FROM absence), (SELECT count(*) FROM capacity_reduction)) END
FROM (SELECT count(*) AS n, coalesce(max(id), 0) AS last, coalesce(max(finished_at)::VARCHAR, '') AS finished FROM import_batch) b
