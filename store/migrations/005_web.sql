-- carico serve: accounts, sessions, the access log, and what users save in
-- the web application (import profiles, scenarios). Passwords are argon2id
-- hashes; session tokens are stored as SHA-256 hashes, never in clear.
CREATE TABLE web_user (
    username      VARCHAR PRIMARY KEY,
    role          VARCHAR NOT NULL CHECK (role IN ('responsabile', 'operatore', 'ufficio_di_piano', 'politico')),
    operator_id   VARCHAR,          -- the roster's operator, for role operatore
    password_hash VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE web_session (
    token_sha256 VARCHAR PRIMARY KEY,
    username     VARCHAR NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL
);

-- Who saw or downloaded what, for GDPR accountability.
CREATE SEQUENCE web_access_seq START 1;
CREATE TABLE web_access (
    id       BIGINT PRIMARY KEY DEFAULT nextval('web_access_seq'),
    seen_at  TIMESTAMP NOT NULL,
    username VARCHAR,
    role     VARCHAR,
    action   VARCHAR NOT NULL,  -- vista, scaricamento, importazione, accesso, …
    object   VARCHAR NOT NULL,  -- the page or file, with its filters
    remote   VARCHAR
);

-- Mapping profiles saved from the browser, proposed again for a file with
-- the same header.
CREATE TABLE web_profile (
    name          VARCHAR PRIMARY KEY,
    kind          VARCHAR NOT NULL,
    header_sha256 VARCHAR NOT NULL,
    profile_toml  VARCHAR NOT NULL,
    saved_at      TIMESTAMP NOT NULL,
    saved_by      VARCHAR NOT NULL
);

-- Staffing scenarios built in the browser, in the scenario file format.
CREATE TABLE web_scenario (
    name          VARCHAR PRIMARY KEY,
    scenario_toml VARCHAR NOT NULL,
    saved_at      TIMESTAMP NOT NULL,
    saved_by      VARCHAR NOT NULL
);
