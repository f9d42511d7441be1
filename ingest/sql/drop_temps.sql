-- Drops the import's temporary tables: the staged rows and the rejected
-- cells, private to the connection.
DROP TABLE IF EXISTS temp.stg;
DROP TABLE IF EXISTS temp.rej
