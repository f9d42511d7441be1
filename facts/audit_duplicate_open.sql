-- Cartelle open at the reference date of a person with another open
-- cartella in the same area.
SELECT id, NULL, operator_id, opened, n || ' cartelle aperte della stessa persona nell''area'
FROM (SELECT *, count(*) OVER (PARTITION BY person, area) AS n FROM an_open WHERE area IS NOT NULL)
WHERE n > 1
