-- Base: the cartelle open during the period started on an istanza.
SELECT count(*) FROM an_active WHERE initiative = 'istanza'
