-- Drops the import's temporary tables: the staged rows, those that change
-- a table and the rejected cells, private to the connection.
DROP TABLE IF EXISTS temp.stg;
DROP TABLE IF EXISTS temp.delta;
DROP TABLE IF EXISTS temp.rej
