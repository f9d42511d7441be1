-- The allocation of a roster's operators: the shares of their latest
-- contract period.
SELECT operator_id, istat, share FROM ({{template "latest_period"}})
