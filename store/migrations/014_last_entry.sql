-- Each cartella's last diario entry, kept with the data: the model and the
-- analysis need it at the reference date for the dormant cartelle, and
-- grouping the whole diario by cartella on every request was the largest
-- read of a large archive. One row per cartella and year, from the year of
-- its first entry to the diario's last year: the day of its last entry on
-- or before 31 December of that year. Rebuilt from the diario whenever
-- the data version (facts.DataVersion, which every import changes) is not
-- the one recorded in kept_version, and never read under another.
CREATE TABLE case_last_entry (
    year     INTEGER NOT NULL,
    case_id  VARCHAR NOT NULL,
    last_day DATE NOT NULL
);
-- The data version each kept derivation was computed on.
CREATE TABLE kept_version (
    name    VARCHAR PRIMARY KEY,
    version VARCHAR NOT NULL
);
