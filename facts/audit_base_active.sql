-- Base of the rules on the cartelle open during the period.
SELECT count(*) FROM an_active
