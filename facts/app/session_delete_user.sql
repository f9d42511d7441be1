-- Every session of the account $username ended (disabled, reset).
DELETE FROM web_session WHERE username = $username
