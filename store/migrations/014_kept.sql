-- What the model and the analysis read over the whole history, whatever
-- the period, kept with the data so that a request does not recompute it
-- from the diario and the cartelle: rebuilt whenever the data version
-- (facts.DataVersion, which every import changes) is not the one recorded
-- in kept_version, and never read under another (facts/kept.go).

-- Each cartella's last diario entry, for the dormant cartelle at the
-- reference date: one row per cartella and year, from the year of its
-- first entry to the diario's last year, with the day of its last entry on
-- or before 31 December of that year.
CREATE TABLE case_last_entry (
    year     INTEGER NOT NULL,
    case_id  VARCHAR NOT NULL,
    last_day DATE NOT NULL
);
-- The changes of the open cartelle by holder, comune, area and complexity
-- (store/rules.sql, carico_open_events) added up by day: the stock of any
-- day is the sum of the changes up to it.
CREATE TABLE open_event (
    day         DATE NOT NULL,
    operator_id VARCHAR NOT NULL,
    istat       VARCHAR,
    area        VARCHAR,
    complexity  INTEGER,
    n           INTEGER NOT NULL
);
-- The diario added up by month, operator, comune and kind, and for the
-- entries on a known cartella by its area and complexity: the time split
-- and the case minutes of any period made of whole months are sums of
-- these rows.
CREATE TABLE diario_month (
    month       DATE NOT NULL,    -- its first day
    operator_id VARCHAR,
    istat       VARCHAR,
    kind        VARCHAR NOT NULL,
    on_case     BOOLEAN NOT NULL, -- the entry's cartella is in the cartelle
    area        VARCHAR,
    complexity  INTEGER,
    minutes     BIGINT,
    entries     BIGINT NOT NULL,
    estimated   BIGINT NOT NULL   -- the minutes given by a standard duration
);
-- The data version the kept derivations were computed on.
CREATE TABLE kept_version (
    name    VARCHAR PRIMARY KEY,
    version VARCHAR NOT NULL
);
