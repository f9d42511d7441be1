-- Replaces the contract periods of the operators the roster lists with
-- its rows. The employer and the social-services flag a roster does not
-- carry (.KeepEmployer, .KeepSocial) are kept from the period stored with
-- the same comune and start.
-- Template: .KeepEmployer, .KeepSocial.
CREATE OR REPLACE TEMP TABLE old_period AS
    SELECT * FROM contract_period WHERE operator_id IN (SELECT operator_id FROM stg);
DELETE FROM contract_period WHERE operator_id IN (SELECT operator_id FROM stg);
INSERT INTO contract_period (operator_id, istat, start_date, end_date, weekly_hours, contract, employer, social_services, share)
SELECT s.operator_id, s.istat, s.start_date, s.end_date, s.weekly_hours, s.contract,
       {{if .KeepEmployer}}o{{else}}s{{end}}.employer, {{if .KeepSocial}}o{{else}}s{{end}}.social_services, s.share
FROM stg s LEFT JOIN old_period o
  ON o.operator_id = s.operator_id AND o.istat = s.istat AND o.start_date IS NOT DISTINCT FROM s.start_date;
DROP TABLE old_period
