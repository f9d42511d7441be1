-- Istanze as records of their own: many per cartella, each with its
-- request date, protocol number, type of procedure (which sets its term),
-- decision date and outcome. The cartelle's application and decision
-- columns remain, a shortcut for exports that carry one istanza per
-- cartella; facts/istanze.sql reads both as one list. protocol and
-- procedure are '' when the export does not say, so that they can key
-- the record.
CREATE TABLE istanza (
    case_id   VARCHAR NOT NULL,
    received  DATE NOT NULL,
    protocol  VARCHAR NOT NULL DEFAULT '',
    procedure VARCHAR NOT NULL DEFAULT '',
    decision  DATE,
    outcome   VARCHAR CHECK (outcome IN ('accolta', 'parziale', 'respinta', 'archiviata', 'altro')),
    batch_id  BIGINT,
    PRIMARY KEY (case_id, received, protocol, procedure)
);

-- The import batches accept the new kind. DuckDB cannot alter a CHECK, so
-- the table is rebuilt with the columns of 008 and its rows.
CREATE TABLE import_batch_new (
    id          BIGINT PRIMARY KEY DEFAULT nextval('batch_seq'),
    file        VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('activities', 'cases', 'assignments', 'staff', 'absences', 'population', 'capacity', 'istanze')),
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

-- Staff outside carico's four roles (psicologo, COP, mediatore …) are kept
-- as «altro»: counted in no role's FTE, shown with their label.
CREATE TABLE operator_new (
    id           VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    role         VARCHAR NOT NULL CHECK (role IN ('assistente_sociale', 'educatore', 'asa_oss', 'amministrativo', 'altro')),
    weekly_hours DOUBLE NOT NULL CHECK (weekly_hours > 0 AND weekly_hours <= 48),
    contract     VARCHAR NOT NULL CHECK (contract IN ('indeterminato', 'determinato')),
    start_date   DATE,
    end_date     DATE
);
INSERT INTO operator_new SELECT * FROM operator;
DROP TABLE operator;
ALTER TABLE operator_new RENAME TO operator;

-- A contact the source records without a duration (a colloquio, a
-- segretariato access) is given the profile's standard duration for its
-- kind, and marked estimated: the reports say what share of the hours is.
ALTER TABLE activity ADD COLUMN estimated BOOLEAN DEFAULT false;
