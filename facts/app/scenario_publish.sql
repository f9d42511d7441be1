-- Publishes the scenario $name: from now on it reaches the reports.
UPDATE web_scenario SET published_at = $at, published_by = $by WHERE name = $name AND published_at IS NULL
