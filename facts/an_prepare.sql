-- The working tables of one analysis, on its connection: the months of
-- the period $from–$to clipped to it, who held each cartella when
-- (store/rules.sql, carico_holder_spans), the cartelle open at $at with
-- their holder, the cartelle open during the period
-- (carico_open_during), and the diario entries of the period dated outside
-- their cartella or pointing at none.
CREATE OR REPLACE TEMP TABLE an_month AS
    SELECT strftime(m, '%Y-%m') AS month,
           greatest(m::DATE, $from::DATE) AS m_from,
           least((m + INTERVAL 1 MONTH)::DATE - 1, $to::DATE) AS m_to
    FROM range(date_trunc('month', $from::DATE)::TIMESTAMP, $to::DATE::TIMESTAMP + INTERVAL 1 DAY, INTERVAL 1 MONTH) r(m);
CREATE OR REPLACE TEMP TABLE an_holder AS
    SELECT case_id, operator_id, from_date, until FROM carico_holder_spans();
CREATE OR REPLACE TEMP TABLE an_open AS
    SELECT o.id, o.person, o.area, o.istat, o.opened, nullif(o.operator_id, '') AS operator_id
    FROM carico_open_cases([$at::DATE]) o;
CREATE OR REPLACE TEMP TABLE an_active AS
    SELECT * FROM cases WHERE carico_open_during(opened, closed, $from::DATE, $to::DATE);
CREATE OR REPLACE TEMP TABLE an_case_activity AS
    SELECT a.id, a.case_id, a.operator_id, a.day, c.opened, c.closed, c.id IS NULL AS unknown
    FROM activity a LEFT JOIN cases c ON c.id = a.case_id
    WHERE a.day BETWEEN $from::DATE AND $to::DATE
      AND a.case_id IS NOT NULL AND (c.id IS NULL OR a.day < c.opened OR a.day > c.closed);
CREATE OR REPLACE TEMP TABLE an_holiday (day DATE, name VARCHAR);
CREATE OR REPLACE TEMP TABLE an_term (initiative VARCHAR, term INTEGER);
CREATE OR REPLACE TEMP TABLE an_procedure_term (procedure VARCHAR, term INTEGER);
CREATE OR REPLACE TEMP TABLE an_closed_on_request AS
    SELECT * FROM cases
    WHERE closed BETWEEN $from::DATE AND $to::DATE AND initiative IN ('istanza', 'altro_ente');
