-- Commits the import's transaction.
COMMIT
