-- Records an import batch as it starts, and returns its ID.
INSERT INTO import_batch (file, sha256, kind, profile, started_at)
VALUES ($file, $sha256, $kind, $profile, $started)
RETURNING id
