-- The edge cases every figure must agree on, wherever it is shown (see
-- consistency_test.go): a cover period over an open-ended assignment, an
-- assignment ending on the reference date (31/12/2025), a cartella closed on
-- the reference date, an operator who left on 31/08/2025 but still holds a
-- cartella, a dormant cartella, leave recorded for one operator, and enough
-- ordinary cartelle for the council's outputs to show counts unsuppressed.
INSERT INTO comune VALUES
    ('016101', 'Alfa', 'BG', 'Ambito di prova', NULL, NULL),
    ('016102', 'Beta', 'BG', 'Ambito di prova', NULL, NULL);
INSERT INTO residents VALUES ('016101', 2025, 14200), ('016102', 2024, 6900), ('016102', 2026, 7100);

INSERT INTO operator VALUES
    ('as1', 'Rossi Maria',   'assistente_sociale', 36, 'indeterminato', DATE '2015-01-01', NULL),
    ('as2', 'Bianchi Luca',  'assistente_sociale', 36, 'indeterminato', NULL, NULL),
    ('as3', 'Verdi Anna',    'assistente_sociale', 30, 'determinato',   DATE '2025-03-01', NULL),
    ('as4', 'Neri Sara',     'assistente_sociale', 36, 'indeterminato', NULL, NULL),
    ('asx', 'Gialli Carla',  'assistente_sociale', 36, 'indeterminato', NULL, DATE '2025-08-31'),
    ('ed1', 'Blu Paolo',     'educatore',          36, 'indeterminato', NULL, NULL);
INSERT INTO allocation VALUES
    ('as1', '016101', 1.0),
    ('as2', '016101', 0.5), ('as2', '016102', 0.5),
    ('as3', '016102', 1.0),
    ('as4', '016101', 1.0),
    ('asx', '016101', 1.0),
    ('ed1', '016101', 1.0);
INSERT INTO absence VALUES ('as1', 2025, 29, 3, 8);

-- Ordinary cartelle: 90, over four holders, some closed during 2025.
INSERT INTO cases (id, person, istat, area, complexity, initiative, opened, closed, application, decision, operator_id)
SELECT 'g' || i, 'p' || i,
       CASE WHEN i % 3 = 0 THEN '016102' ELSE '016101' END,
       ['famiglia_minori', 'disabili', 'anziani', 'poverta'][i % 4 + 1],
       i % 3 + 1, 'istanza',
       DATE '2024-01-01' + CAST(i * 7 AS INTEGER),
       CASE WHEN i % 5 = 0 THEN DATE '2024-01-01' + CAST(i * 7 + 300 AS INTEGER) END,
       DATE '2024-01-01' + CAST(i * 7 - 10 AS INTEGER),
       DATE '2024-01-01' + CAST(i * 7 + 20 AS INTEGER),
       ['as1', 'as2', 'as3', 'as4'][i % 4 + 1]
FROM range(0, 90) t(i);

INSERT INTO cases (id, person, istat, area, complexity, initiative, opened, closed, operator_id) VALUES
    ('cover',   'q1', '016101', 'famiglia_minori', 3, 'ufficio', DATE '2025-01-02', NULL, NULL),
    ('endref',  'q2', '016102', 'anziani',         2, 'ufficio', DATE '2025-02-01', NULL, NULL),
    ('closeref','q3', '016101', 'disabili',        2, 'ufficio', DATE '2025-03-01', DATE '2025-12-31', 'as1'),
    ('gone',    'q4', '016101', 'poverta',         1, 'ufficio', DATE '2025-01-15', NULL, 'asx'),
    ('dorm',    'q5', '016101', 'anziani',         1, 'ufficio', DATE '2024-01-10', NULL, 'as4');
INSERT INTO assignment VALUES
    ('cover',  'as1', DATE '2025-01-02', NULL),
    ('cover',  'as2', DATE '2025-03-01', DATE '2025-04-30'),
    ('endref', 'as2', DATE '2025-02-01', DATE '2025-12-31'),
    ('endref', 'as3', DATE '2026-01-01', NULL);

-- The diario of 2025: every working day, each operator logs case work on
-- one of her cartelle, community work and segretariato.
INSERT INTO activity (id, day, operator_id, case_id, kind, minutes, istat)
SELECT 'a' || row_number() OVER (), d::DATE, o.id,
       CASE WHEN k = 'case' THEN 'g' || ((extract('doy' FROM d)::INTEGER * 4 + o.n) % 90) END,
       k, CASE k WHEN 'case' THEN 240 WHEN 'community' THEN 60 ELSE 90 END,
       CASE WHEN o.n = 2 THEN '016102' ELSE '016101' END
FROM generate_series(DATE '2025-01-01', DATE '2025-12-31', INTERVAL 1 DAY) s(d),
     (VALUES ('as1', 0), ('as2', 1), ('as3', 2), ('as4', 3), ('ed1', 0)) o(id, n),
     (VALUES ('case'), ('community'), ('access')) kk(k)
WHERE extract('isodow' FROM d) <= 5
  AND (o.id <> 'as3' OR d >= DATE '2025-03-01')
  AND (o.id <> 'ed1' OR k <> 'access')
  AND extract('doy' FROM d)::INTEGER % 9 <> o.n;
INSERT INTO activity (id, day, operator_id, case_id, kind, minutes, istat) VALUES
    ('d1', DATE '2024-02-01', 'as4', 'dorm', 'case', 60, '016101'),
    ('x1', DATE '2025-05-01', 'asx', 'gone', 'case', 60, '016101');

-- The capacity register: a coordinator (as1) with a 20 % reduction all
-- year; every output divides her weighted caseload by 80 % of the hours
-- for case work she would otherwise have.
INSERT INTO capacity_reduction VALUES ('as1', DATE '2025-01-01', DATE '2025-12-31', 20, NULL, 'coordinamento', NULL, NULL);
