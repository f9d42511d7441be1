-- Rolls the import's transaction back.
ROLLBACK
