-- Each operator's shares of the comuni, largest first.
SELECT operator_id, istat, share FROM allocation ORDER BY operator_id, share DESC, istat
