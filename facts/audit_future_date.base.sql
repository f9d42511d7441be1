-- Base: every activity, cartella and istanza in the database.
SELECT (SELECT count(*) FROM activity) + (SELECT count(*) FROM cases) + (SELECT count(*) FROM istanza)
