-- One allocation decision taken from the queue (append-only).
INSERT INTO allocation_decision (case_id, item_kind, operator_id, reason, note, load_before, load_after, decided_by, decided_at)
VALUES ($case, $kind, $operator, $reason, $note, $before, $after, $by, $at)
