-- Cartelle, their assignment history and the diario.
CREATE TABLE cases (
    id            VARCHAR PRIMARY KEY,
    person        VARCHAR NOT NULL, -- keyed pseudonym (HMAC-SHA-256), never a name or codice fiscale
    istat         VARCHAR,
    zone          VARCHAR,
    area          VARCHAR CHECK (area IN ('famiglia_minori', 'disabili', 'dipendenze', 'anziani', 'immigrati', 'poverta', 'multiutenza')),
    complexity    TINYINT CHECK (complexity BETWEEN 1 AND 3),
    initiative    VARCHAR CHECK (initiative IN ('istanza', 'ufficio', 'altro_ente')),
    opened        DATE NOT NULL,
    closed        DATE CHECK (closed IS NULL OR closed >= opened),
    close_reason  VARCHAR CHECK (close_reason IN ('conclusione', 'inattivita', 'trasferimento', 'decesso', 'altro')),
    application   DATE, -- data dell'istanza o della richiesta
    decision      DATE, -- data della decisione
    operator_id   VARCHAR,
    batch_id      BIGINT
);
CREATE INDEX cases_person ON cases (person);

CREATE TABLE assignment (
    case_id     VARCHAR NOT NULL,
    operator_id VARCHAR NOT NULL,
    from_date   DATE NOT NULL,
    to_date     DATE CHECK (to_date IS NULL OR to_date >= from_date),
    PRIMARY KEY (case_id, from_date)
);
CREATE INDEX assignment_operator ON assignment (operator_id);

-- One row per diario entry. The model scans it by day range; DuckDB's zone
-- maps serve those scans, so no secondary index is kept on this large table.
CREATE TABLE activity (
    id          VARCHAR PRIMARY KEY,
    day         DATE NOT NULL,
    start_time  TIME,
    operator_id VARCHAR NOT NULL,
    case_id     VARCHAR,
    kind        VARCHAR NOT NULL CHECK (kind IN ('case', 'community', 'access', 'admin', 'training', 'other')),
    minutes     INTEGER NOT NULL CHECK (minutes >= 0 AND minutes <= 1440),
    istat       VARCHAR,
    raw_label   VARCHAR,
    note        VARCHAR, -- free text, only when a profile explicitly imports it
    batch_id    BIGINT
);
