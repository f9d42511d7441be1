-- Base: the decisions of the period (on or after their application).
SELECT count(*) FROM an_procedure WHERE decided_in_period AND days >= 0
