-- Keeps a calibration of the observed weights under $key (the first one
-- computed wins: the same key is the same calibration).
INSERT INTO weight_calibration (key, calibration, created_at) VALUES ($key, $calibration, now()::TIMESTAMP)
ON CONFLICT DO NOTHING
