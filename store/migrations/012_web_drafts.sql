-- carico serve: scenarios are drafts until published, with the trail of
-- what was done to them; a session remembers the address it was opened
-- from; reset links survive a restart.

-- A scenario reaches the reports only once published (published_at set).
-- The scenarios saved before drafts existed were published on saving, and
-- stay published.
ALTER TABLE web_scenario ADD COLUMN published_at TIMESTAMP;
ALTER TABLE web_scenario ADD COLUMN published_by VARCHAR;
UPDATE web_scenario SET published_at = saved_at, published_by = saved_by;

-- The trail of the scenarios: every draft saved, publication, withdrawal,
-- renaming and deletion, with the scenario's text at that moment.
-- Append-only: carico never updates or deletes its rows.
CREATE SEQUENCE web_scenario_trail_seq START 1;
CREATE TABLE web_scenario_trail (
    id            BIGINT PRIMARY KEY DEFAULT nextval('web_scenario_trail_seq'),
    done_at       TIMESTAMP NOT NULL,
    username      VARCHAR NOT NULL,
    action        VARCHAR NOT NULL CHECK (action IN ('bozza', 'pubblicato', 'ritirato', 'rinominato', 'eliminato')),
    scenario      VARCHAR NOT NULL,  -- its name after the action
    detail        VARCHAR NOT NULL,  -- the former name, for a renaming
    scenario_toml VARCHAR NOT NULL
);

-- The address a session was opened from, shown to its owner.
ALTER TABLE web_session ADD COLUMN remote VARCHAR;

-- One-time links that set a new password, by the SHA-256 of their token:
-- one per account, deleted when used.
CREATE TABLE web_reset (
    token_sha256 VARCHAR PRIMARY KEY,
    username     VARCHAR NOT NULL UNIQUE,
    expires_at   TIMESTAMP NOT NULL
);
