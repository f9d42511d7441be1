-- The responsabile edits or ends the reduction of $operator that starts on
-- $replacing: every field may change, the start included.
UPDATE capacity_reduction
SET from_date = $from, to_date = $to, percent = $percent, hours_per_week = $hours, reason = $reason, note = $note
WHERE operator_id = $operator AND from_date = $replacing
