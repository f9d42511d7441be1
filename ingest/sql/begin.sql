-- Starts the import's transaction on its connection.
BEGIN TRANSACTION
