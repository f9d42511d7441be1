-- The trail of the capacity register as the responsabile edits it in the
-- web application: append-only (no statement updates or deletes it), one
-- entry per change with who, when, and the reduction before and after (as
-- JSON; NULL before an addition). A correction is a new entry.
CREATE SEQUENCE web_capacity_seq;
CREATE TABLE web_capacity_change (
    id          BIGINT PRIMARY KEY DEFAULT nextval('web_capacity_seq'),
    changed_at  TIMESTAMP NOT NULL,
    username    VARCHAR NOT NULL,
    operator_id VARCHAR NOT NULL,
    action      VARCHAR NOT NULL CHECK (action IN ('aggiunta', 'modifica', 'chiusura')),
    old_value   VARCHAR,
    new_value   VARCHAR NOT NULL
);
