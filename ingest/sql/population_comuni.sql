-- The comuni of a population table: each one's last row.
SELECT istat, coalesce(name, istat) AS name, province, ambito, patron_month, patron_day
FROM stg
QUALIFY row_number() OVER (PARTITION BY istat ORDER BY line DESC) = 1
