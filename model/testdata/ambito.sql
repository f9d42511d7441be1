-- A small hand-built Ambito for the model's tests. Figures expected from it
-- are computed by hand in compute_test.go.
INSERT INTO comune VALUES
    ('016001', 'Comune A', 'BG', 'Ambito di prova', 8, 26),
    ('016002', 'Comune B', 'BG', 'Ambito di prova', NULL, NULL),
    ('016003', 'Comune C', 'BG', 'Ambito di prova', NULL, NULL);
INSERT INTO residents VALUES
    ('016001', 2024, 3900), ('016001', 2025, 4000),
    ('016002', 2025, 3300),
    ('016003', 2023, 1500);

INSERT INTO operator VALUES
    ('as1', 'Rossi Maria',    'assistente_sociale', 36, 'indeterminato', DATE '2010-01-01', NULL),
    ('as2', 'Bianchi Luca',   'assistente_sociale', 18, 'determinato',   DATE '2025-01-01', DATE '2025-12-31'),
    ('as3', 'Verdi Anna',     'assistente_sociale', 27, 'indeterminato', NULL, NULL),
    ('ed1', 'Neri Paolo',     'educatore',          36, 'indeterminato', NULL, NULL),
    ('as9', 'Gialli Carla',   'assistente_sociale', 36, 'indeterminato', NULL, DATE '2024-12-31');
INSERT INTO allocation VALUES
    ('as1', '016001', 1.0),
    ('as2', '016001', 0.5), ('as2', '016002', 0.5),
    ('as3', '016002', 1.0),
    ('ed1', '016001', 1.0),
    ('as9', '016003', 1.0);

INSERT INTO cases (id, person, istat, area, complexity, opened, closed, operator_id) VALUES
    ('c1', 'p1', '016001', 'famiglia_minori', 3,    DATE '2025-01-10', DATE '2025-06-30', 'as1'),
    ('c2', 'p2', '016001', 'anziani',         1,    DATE '2025-06-30', NULL,              'as1'),
    ('c3', 'p3', '016001', 'anziani',         1,    DATE '2024-01-01', DATE '2025-06-29', 'as1'),
    ('c4', 'p4', '016002', 'famiglia_minori', 2,    DATE '2025-02-01', NULL,              'as3'),
    ('c5', 'p5', '016002', 'disabili',        2,    DATE '2023-01-01', NULL,              'as2'),
    ('c6', 'p6', '016001', 'poverta',         NULL, DATE '2024-01-01', NULL,              'as2'),
    ('c7', 'p7', '016002', 'poverta',         2,    DATE '2024-01-01', NULL,              'as2'),
    ('c8', 'p8', '016003', 'multiutenza',     2,    DATE '2025-03-01', NULL,              NULL);
-- c4 moved from as1 to as3 on 15 June: both rows touch that day.
INSERT INTO assignment VALUES
    ('c4', 'as1', DATE '2025-02-01', DATE '2025-06-15'),
    ('c4', 'as3', DATE '2025-06-15', NULL);

INSERT INTO activity (id, day, operator_id, case_id, kind, minutes, istat) VALUES
    ('a1', DATE '2025-01-15', 'as1', 'c1', 'case',       60, '016001'),
    ('a2', DATE '2025-02-10', 'as1', NULL, 'community', 120, '016001'),
    ('a3', DATE '2025-03-03', 'as1', NULL, 'access',     30, '016001'),
    ('a4', DATE '2025-03-04', 'as1', NULL, 'access',     30, '016001'),
    ('a5', DATE '2025-06-30', 'as1', NULL, 'admin',      45, '016001'),
    ('a6', DATE '2025-01-15', 'as2', 'c7', 'case',       90, '016002'),
    ('a7', DATE '2024-06-01', 'as2', 'c6', 'case',       30, '016001'),
    ('a8', DATE '2025-06-20', 'as3', 'c4', 'case',       60, '016002'),
    ('a9', DATE '2025-04-01', 'zz9', NULL, 'other',      15, NULL),
    ('a10', DATE '2025-07-01', 'as1', 'c1', 'case',     600, '016001');

INSERT INTO import_batch (file, sha256, kind, profile, started_at, rows_read, inserted, rejected)
VALUES ('diario.csv', 'abc123', 'activities', 'vendor.toml', TIMESTAMP '2025-07-02 10:00:00', 12, 10, 2);
INSERT INTO rejected_row VALUES
    (1, 'diario.csv', 5, NULL, 'Data', '32/01/2025', 'data non valida'),
    (1, 'diario.csv', 9, NULL, 'Data', '00/00/0000', 'data non valida');
