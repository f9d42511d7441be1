-- Withdraws the published scenario $name: it is a draft again.
UPDATE web_scenario SET published_at = NULL, published_by = NULL WHERE name = $name AND published_at IS NOT NULL
