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
