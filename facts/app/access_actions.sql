-- The actions the access log records, for the search form.
SELECT DISTINCT action FROM web_access ORDER BY action
