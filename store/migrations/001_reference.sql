-- Reference data and staff: comuni, residents, operators and their allocation.
CREATE TABLE comune (
    istat        VARCHAR PRIMARY KEY CHECK (regexp_full_match(istat, '[0-9]{6}')),
    name         VARCHAR NOT NULL,
    province     VARCHAR,
    ambito       VARCHAR,
    patron_month TINYINT CHECK (patron_month BETWEEN 1 AND 12),
    patron_day   TINYINT CHECK (patron_day BETWEEN 1 AND 31)
);

-- Residents at 1 January of each year (ISTAT).
CREATE TABLE residents (
    istat     VARCHAR NOT NULL,
    year      SMALLINT NOT NULL,
    residents INTEGER NOT NULL CHECK (residents >= 0),
    PRIMARY KEY (istat, year)
);

CREATE TABLE operator (
    id           VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    role         VARCHAR NOT NULL CHECK (role IN ('assistente_sociale', 'educatore', 'asa_oss', 'amministrativo')),
    weekly_hours DOUBLE NOT NULL CHECK (weekly_hours > 0 AND weekly_hours <= 48),
    contract     VARCHAR NOT NULL CHECK (contract IN ('indeterminato', 'determinato')),
    start_date   DATE,
    end_date     DATE
);

-- Share of each operator's time given to a comune; shares of one operator sum to 1.
CREATE TABLE allocation (
    operator_id VARCHAR NOT NULL,
    istat       VARCHAR NOT NULL,
    share       DOUBLE NOT NULL CHECK (share > 0 AND share <= 1),
    PRIMARY KEY (operator_id, istat)
);

-- Leave actually taken, when the roster carries it.
CREATE TABLE absence (
    operator_id VARCHAR NOT NULL,
    year        SMALLINT NOT NULL,
    leave_days  DOUBLE NOT NULL DEFAULT 0 CHECK (leave_days >= 0),
    sick_days   DOUBLE NOT NULL DEFAULT 0 CHECK (sick_days >= 0),
    other_days  DOUBLE NOT NULL DEFAULT 0 CHECK (other_days >= 0),
    PRIMARY KEY (operator_id, year)
);

-- Spellings of operator names met in exports, mapped to the operator they mean.
CREATE TABLE operator_alias (
    alias       VARCHAR PRIMARY KEY, -- normalised: lower case, no accents, tokens sorted
    operator_id VARCHAR NOT NULL
);
