-- The comuni of the Ambito, by name: (istat, name).
SELECT istat, name FROM comune ORDER BY name
