-- The cartelle open on the evening before the period starts.
SELECT count(*) FROM cases WHERE carico_open_on(opened, closed, $from::DATE - 1)
