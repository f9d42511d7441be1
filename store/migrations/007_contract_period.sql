-- Contract periods: each operator's contract history, one row per period
-- and comune, as the staff roster lists it. A change of weekly hours, of
-- contract (fixed-term made permanent) or of employer starts a new period;
-- start_date NULL means since before the records, end_date NULL still in
-- service. The annual L. 178/2020 return (sioss) weighs each period by its
-- days in the year. operator and allocation keep the latest period, which
-- the reference-date figures read.
CREATE TABLE contract_period (
    operator_id     VARCHAR NOT NULL,
    istat           VARCHAR NOT NULL,
    start_date      DATE,
    end_date        DATE,
    weekly_hours    DOUBLE NOT NULL CHECK (weekly_hours > 0 AND weekly_hours <= 48),
    contract        VARCHAR NOT NULL CHECK (contract IN ('indeterminato', 'determinato')),
    -- Who employs the operator; NULL when the roster does not say.
    employer        VARCHAR CHECK (employer IN ('comune', 'associazione', 'ente_strumentale',
                                                'azienda_sanitaria_rimborsata', 'azienda_sanitaria', 'altro')),
    -- Works in planning, organising or delivering the social services;
    -- NULL when the roster does not say.
    social_services BOOLEAN,
    share           DOUBLE NOT NULL CHECK (share > 0 AND share <= 1)
);

-- The rosters imported before: one period per operator, the one on record.
INSERT INTO contract_period (operator_id, istat, start_date, end_date, weekly_hours, contract, share)
SELECT o.id, a.istat, o.start_date, o.end_date, o.weekly_hours, o.contract, a.share
FROM operator o JOIN allocation a ON a.operator_id = o.id;
