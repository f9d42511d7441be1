-- One step of a segnalazione's trail (append-only).
INSERT INTO segnalazione_step (segnalazione_id, status, step_at, step_by, protocol, plan, follow_up, note)
VALUES ($id, $status, $at, $by, $protocol, $plan, $follow_up, $note)
