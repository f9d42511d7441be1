-- The latest batch of kind $kind that imported a file with SHA-256 $sha256,
-- with one of the IDs it stored in .Table (activity or cases): its
-- source prefix tells whether the file came in under another source.
-- Template: .Table.
SELECT b.id, b.file, t.id
FROM import_batch b JOIN {{.Table}} t ON t.batch_id = b.id
WHERE b.sha256 = $sha256 AND b.kind = $kind
ORDER BY b.id DESC
LIMIT 1
