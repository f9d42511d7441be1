-- The calibration of the observed weights (package weights) is derived
-- from the diario, the cartelle and the coverage of the period: it is
-- kept here, keyed by the data it depends on, so that it is computed once
-- per import instead of on every request. Every import empties it.
CREATE TABLE weight_calibration (
    key         VARCHAR PRIMARY KEY, -- SHA-256 of the data version, the period and the inputs
    calibration VARCHAR NOT NULL,    -- JSON of weights.Calibration
    created_at  TIMESTAMP NOT NULL
);
