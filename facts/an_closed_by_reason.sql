-- The cartelle closed in the period by reason ("non_indicato" when none).
SELECT coalesce(close_reason, 'non_indicato'), count(*) FROM cases
WHERE closed BETWEEN $from::DATE AND $to::DATE
GROUP BY 1
