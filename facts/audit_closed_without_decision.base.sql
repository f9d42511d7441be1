-- Base: the cartelle closed in the period started on an istanza or
-- another body's request.
SELECT count(*) FROM an_closed_on_request
