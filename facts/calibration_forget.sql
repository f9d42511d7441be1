-- Every kept calibration of the observed weights: an import changes the
-- data they were computed on.
DELETE FROM weight_calibration
