-- Base: the activities of the period.
SELECT count(*) FROM activity WHERE day BETWEEN $from::DATE AND $to::DATE
