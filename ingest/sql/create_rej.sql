-- The rejected cells of an import, until the batch has an ID.
CREATE OR REPLACE TEMP TABLE rej
    (file VARCHAR, line INTEGER, sheet VARCHAR, col VARCHAR, value VARCHAR, reason VARCHAR)
