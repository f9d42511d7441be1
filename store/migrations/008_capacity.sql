-- The capacity register: dated reductions of an operator's time for
-- cartelle (coordination, first year of service, union time, reasonable
-- adjustments, extra roles), after the UK probation Workload Measurement
-- Tool. A reduction states a percentage of the contract or hours per
-- week (then percent is NULL).
CREATE TABLE capacity_reduction (
    operator_id    VARCHAR NOT NULL,
    from_date      DATE NOT NULL,
    to_date        DATE,
    percent        DOUBLE CHECK (percent > 0 AND percent <= 100),
    hours_per_week DOUBLE CHECK (hours_per_week > 0 AND hours_per_week <= 60),
    reason         VARCHAR NOT NULL CHECK (reason IN ('coordinamento', 'primo_anno', 'sindacale', 'adeguamento', 'incarico_aggiuntivo', 'altro')),
    note           VARCHAR,
    batch_id       BIGINT,
    PRIMARY KEY (operator_id, from_date),
    CHECK (to_date IS NULL OR to_date >= from_date),
    CHECK ((percent IS NULL) <> (hours_per_week IS NULL))
);

-- The import batches accept the new kind. DuckDB cannot alter a CHECK, so
-- the table is rebuilt with the columns of 003 and its rows.
CREATE TABLE import_batch_new (
    id          BIGINT PRIMARY KEY DEFAULT nextval('batch_seq'),
    file        VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('activities', 'cases', 'assignments', 'staff', 'absences', 'population', 'capacity')),
    profile     VARCHAR,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    rows_read   INTEGER NOT NULL DEFAULT 0,
    inserted    INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO import_batch_new SELECT * FROM import_batch ORDER BY id;
DROP TABLE import_batch;
ALTER TABLE import_batch_new RENAME TO import_batch;

-- Professional supervision (L. 234/2021, a LEPS) becomes a kind of its
-- own, apart from training: the diario accepts it. The columns are those
-- of 006.
CREATE TABLE activity_new (
    id          VARCHAR NOT NULL,
    day         DATE NOT NULL,
    start_time  TIME,
    operator_id VARCHAR NOT NULL,
    case_id     VARCHAR,
    kind        VARCHAR NOT NULL CHECK (kind IN ('case', 'community', 'access', 'admin', 'training', 'supervision', 'other')),
    minutes     INTEGER NOT NULL CHECK (minutes >= 0 AND minutes <= 1440),
    istat       VARCHAR,
    raw_label   VARCHAR,
    note        VARCHAR,
    batch_id    BIGINT
);
INSERT INTO activity_new SELECT * FROM activity ORDER BY rowid;
DROP TABLE activity;
ALTER TABLE activity_new RENAME TO activity;
