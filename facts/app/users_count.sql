-- The number of accounts (zero on the first start).
SELECT count(*) FROM web_user
