-- Provenance: every import is a batch; every rejected row is kept with its reason.
CREATE SEQUENCE batch_seq START 1;
CREATE TABLE import_batch (
    id          BIGINT PRIMARY KEY DEFAULT nextval('batch_seq'),
    file        VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('activities', 'cases', 'assignments', 'staff', 'absences', 'population')),
    profile     VARCHAR,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    rows_read   INTEGER NOT NULL DEFAULT 0,
    inserted    INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE rejected_row (
    batch_id BIGINT NOT NULL,
    file     VARCHAR NOT NULL,
    line     INTEGER NOT NULL, -- physical line of a CSV, or row of a sheet
    sheet    VARCHAR,
    col      VARCHAR,
    value    VARCHAR,
    reason   VARCHAR NOT NULL  -- in Italian, for the user
);
