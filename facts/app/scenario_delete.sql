-- Deletes the scenario $name (its text stays in the trail).
DELETE FROM web_scenario WHERE name = $name
