-- Allocation decisions taken from the queue: who decided, when, to whom and
-- why. carico never writes into the cartella software: the decision is
-- exported for it, and the queue keeps the item marked until a later
-- cartelle import shows a holder. Append-only: a correction is a new row.
CREATE SEQUENCE allocation_decision_seq START 1;
CREATE TABLE allocation_decision (
    id          BIGINT PRIMARY KEY DEFAULT nextval('allocation_decision_seq'),
    case_id     VARCHAR NOT NULL,
    item_kind   VARCHAR NOT NULL,
    operator_id VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL CHECK (reason IN ('continuita', 'capacita', 'territorio', 'competenza', 'urgenza', 'altro')),
    note        VARCHAR,
    load_before DOUBLE,
    load_after  DOUBLE,
    decided_by  VARCHAR NOT NULL,
    decided_at  TIMESTAMP NOT NULL
);

-- The register of segnalazioni: a social worker reports an excessive load
-- with her statement's figures and period (as filed, JSON) and the PDF of
-- the statement; the responsabile answers with steps. Both tables are
-- append-only: the application only inserts, and a correction is a new
-- step, so the trail of who did what when is never rewritten.
CREATE SEQUENCE segnalazione_seq START 1;
CREATE TABLE segnalazione (
    id            BIGINT PRIMARY KEY DEFAULT nextval('segnalazione_seq'),
    operator_id   VARCHAR NOT NULL,
    filed_by      VARCHAR NOT NULL,
    filed_at      TIMESTAMP NOT NULL,
    period_from   DATE NOT NULL,
    period_to     DATE NOT NULL,
    ref_date      DATE NOT NULL,
    figures       VARCHAR NOT NULL,
    remarks       VARCHAR NOT NULL,
    statement_pdf BLOB
);
CREATE SEQUENCE segnalazione_step_seq START 1;
CREATE TABLE segnalazione_step (
    id              BIGINT PRIMARY KEY DEFAULT nextval('segnalazione_step_seq'),
    segnalazione_id BIGINT NOT NULL,
    status          VARCHAR NOT NULL CHECK (status IN ('aperta', 'presa_in_carico', 'piano_concordato', 'verificata', 'chiusa')),
    step_at         TIMESTAMP NOT NULL,
    step_by         VARCHAR NOT NULL,
    protocol        VARCHAR,
    plan            VARCHAR, -- the actions with their dates (JSON)
    follow_up       DATE,
    note            VARCHAR
);
