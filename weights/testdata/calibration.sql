-- A hand-built service for the calibration test; expected figures are
-- worked out in calibrate_test.go.
INSERT INTO comune VALUES ('016001', 'Comune A', 'BG', 'Ambito di prova', NULL, NULL);
INSERT INTO residents VALUES ('016001', 2025, 10000);
INSERT INTO operator VALUES
    ('as1', 'Rossi Maria',  'assistente_sociale', 36, 'indeterminato', DATE '2010-01-01', NULL),
    ('as2', 'Bianchi Luca', 'assistente_sociale', 36, 'indeterminato', DATE '2010-01-01', NULL),
    ('ed1', 'Neri Paolo',   'educatore',          36, 'indeterminato', DATE '2010-01-01', NULL);
INSERT INTO allocation VALUES ('as1', '016001', 1.0), ('as2', '016001', 1.0), ('ed1', '016001', 1.0);

-- Twelve cartelle famiglia e minori, alta complessità, held by as1 all year.
INSERT INTO cases (id, person, istat, area, complexity, opened, closed, operator_id)
SELECT 'f' || i, 'pf' || i, '016001', 'famiglia_minori', 3, DATE '2024-01-01', NULL, 'as1' FROM range(1, 13) t(i);
-- Three cartelle anziani, bassa complessità, held by as2 all year.
INSERT INTO cases (id, person, istat, area, complexity, opened, closed, operator_id)
SELECT 'a' || i, 'pa' || i, '016001', 'anziani', 1, DATE '2024-06-01', NULL, 'as2' FROM range(1, 4) t(i);
-- One cartella without complexity.
INSERT INTO cases (id, person, istat, area, complexity, opened, closed, operator_id) VALUES
    ('u1', 'pu1', '016001', 'poverta', NULL, DATE '2024-01-01', NULL, 'as2');

-- Case work: f<i> gets 60 + 10·i minutes on the 15th of every month;
-- a<i> 60 minutes; u1 30 minutes; the educator 600 minutes on f1 in March.
INSERT INTO activity (id, day, operator_id, case_id, kind, minutes, istat)
SELECT 'f' || i || '-' || m, make_date(2025, m::INTEGER, 15), 'as1', 'f' || i, 'case', 60 + 10 * i, '016001'
FROM range(1, 13) a(i), range(1, 13) b(m);
INSERT INTO activity (id, day, operator_id, case_id, kind, minutes, istat)
SELECT 'a' || i || '-' || m, make_date(2025, m::INTEGER, 15), 'as2', 'a' || i, 'case', 60, '016001'
FROM range(1, 4) a(i), range(1, 13) b(m);
INSERT INTO activity (id, day, operator_id, case_id, kind, minutes, istat)
SELECT 'u1-' || m, make_date(2025, m::INTEGER, 16), 'as2', 'u1', 'case', 30, '016001' FROM range(1, 13) b(m);
INSERT INTO activity (id, day, operator_id, case_id, kind, minutes, istat) VALUES
    ('ed1-f1', DATE '2025-03-10', 'ed1', 'f1', 'case', 600, '016001');

-- Filler so that coverage is adequate: 6 days × 1,000 minutes of admin a
-- month for as1 all year and for as2 from January to June only.
INSERT INTO activity (id, day, operator_id, case_id, kind, minutes, istat)
SELECT 'fill-' || op || '-' || strftime(d, '%Y%m%d'), d::DATE, op, NULL, 'admin', 1000, '016001'
FROM (VALUES ('as1'), ('as2')) o(op), range(DATE '2025-01-01', DATE '2026-01-01', INTERVAL 1 DAY) r(d)
WHERE day(d) BETWEEN 2 AND 7 AND (op = 'as1' OR month(d) <= 6);
