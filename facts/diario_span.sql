-- The first and last day of the diario (NULL when it is empty).
SELECT min(day), max(day) FROM activity
