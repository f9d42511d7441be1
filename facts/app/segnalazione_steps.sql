-- The steps of every segnalazione, in the order they were taken.
SELECT id, segnalazione_id, status, step_at, step_by, coalesce(protocol, ''), coalesce(plan, ''), follow_up, coalesce(note, '')
FROM segnalazione_step
ORDER BY segnalazione_id, id
