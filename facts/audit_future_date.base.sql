-- Base: every activity and cartella in the database.
SELECT (SELECT count(*) FROM activity) + (SELECT count(*) FROM cases)
