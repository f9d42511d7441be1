-- The segretariato sociale (access activities) of each comune ("" when
-- the entry has none) in each month of the period: entries and minutes.
SELECT strftime(a.day, '%Y-%m') AS month, coalesce(a.istat, '') AS istat, coalesce(any_value(cm.name), ''),
       count(*), coalesce(sum(a.minutes), 0)
FROM activity a LEFT JOIN comune cm ON cm.istat = a.istat
WHERE a.kind = 'access' AND a.day BETWEEN $from::DATE AND $to::DATE
GROUP BY 1, 2
ORDER BY 1, 2
