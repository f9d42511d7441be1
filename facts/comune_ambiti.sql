-- The Ambito of each comune ("Ambito non indicato" when none).
SELECT istat, coalesce(ambito, 'Ambito non indicato') FROM comune
