-- The last import profile saved for files with the header whose SHA-256
-- is $header.
SELECT name, profile_toml FROM web_profile WHERE header_sha256 = $header ORDER BY saved_at DESC LIMIT 1
