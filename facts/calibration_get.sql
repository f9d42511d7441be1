-- The cached calibration of the observed weights under $key, if any.
SELECT calibration FROM weight_calibration WHERE key = $key
