-- The open cartelle at the end of each year, kept with the other
-- derivations (facts/kept.go): the stock of each holder × comune × area ×
-- complexity cell on 31 December of each year from the first year of the
-- open events (open_event) to the last, the cells with none left out. The
-- open counts of a period start from the stock of the year before instead
-- of adding up every event since the first cartella.
CREATE TABLE open_stock (
    year        INTEGER NOT NULL,
    operator_id VARCHAR NOT NULL,
    istat       VARCHAR,
    area        VARCHAR,
    complexity  INTEGER,
    n           INTEGER NOT NULL
);
-- A database kept under 015 has no year-end stocks yet: every kept
-- derivation is rebuilt on the next request that can write.
DELETE FROM kept_version;
