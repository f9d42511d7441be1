-- Voids the reset link of $username, and every link expired at $now.
DELETE FROM web_reset WHERE username = $username OR expires_at <= $now
