-- Base of the rules on the cartelle open at the reference date.
SELECT count(*) FROM an_open
