-- carico's shared rules: the one definition of each concept that more than
-- one layer counts with. Every connection the store opens gets these as
-- temporary macros, so the model, the analytics, the planning tools and a
-- database read back from Parquet all count with the same words. A rule is
-- changed here or nowhere (docs/definitions.md).

-- A cartella is open on day d when it was opened on or before d and was not
-- closed on or before d: the stock at the end of the day. A cartella closed
-- on d is closed that evening, one opened on d is already open. With this
-- rule the flows add up: open at the end of the previous day + opened −
-- closed = open at the end of the day.
CREATE OR REPLACE TEMP MACRO carico_open_on(opened, closed, d) AS
    opened <= d AND (closed IS NULL OR closed > d);

-- A cartella is open during the period [from, to] when it was open at some
-- moment of it: at its start (the evening before from, by carico_open_on)
-- or at the end of one of its days. So: opened on or before to, and not
-- closed before from. A cartella closed on from belongs to the period (it
-- was in the stock the period starts with, and its closing is one of the
-- period's flows) but counts no day of it; one opened on to belongs to it
-- and counts one day. With this rule the flows of a period add up: open on
-- from − 1 + opened − closed = open on to, over exactly these cartelle.
CREATE OR REPLACE TEMP MACRO carico_open_during(opened, closed, from_day, to_day) AS
    opened <= to_day AND (closed IS NULL OR closed >= from_day);

-- Who holds a cartella when: its assignment history cut into spans
-- [from_date, until] in which one operator holds it. On a day, the holder
-- is the operator of the assignment in force that started last: a cover
-- period (B from 01/03 to 30/04 over A's open-ended assignment) gives B in
-- March and April and A again from May. Days no assignment covers have no
-- holder. A cartella with no assignment row is held by its own operator
-- for its whole life: one span from its opening, which is what the cut
-- gives for a history of one open-ended row (computed directly, since
-- these are most cartelle and the cut is the costly part).
CREATE OR REPLACE TEMP MACRO carico_holder_spans() AS TABLE
    WITH a AS (SELECT case_id, operator_id, from_date, to_date FROM assignment),
    bound AS (
        SELECT case_id, from_date AS d FROM a
        UNION
        SELECT case_id, CAST(to_date + 1 AS DATE) FROM a WHERE to_date IS NOT NULL
    ),
    seg AS (
        SELECT case_id, d AS from_date,
               coalesce(CAST(lead(d) OVER (PARTITION BY case_id ORDER BY d) - 1 AS DATE), DATE '9999-12-31') AS until
        FROM bound
    )
    SELECT seg.case_id, arg_max(a.operator_id, a.from_date) AS operator_id, seg.from_date, seg.until
    FROM seg JOIN a ON a.case_id = seg.case_id
        AND a.from_date <= seg.from_date AND coalesce(a.to_date, DATE '9999-12-31') >= seg.from_date
    GROUP BY seg.case_id, seg.from_date, seg.until
    UNION ALL
    SELECT c.id, c.operator_id, c.opened, DATE '9999-12-31' FROM cases c
    ANTI JOIN assignment a ON a.case_id = c.id
    WHERE nullif(c.operator_id, '') IS NOT NULL;

-- The cartelle open on each of days (a list of dates), with their holder
-- that day (NULL when none).
-- (The holder is looked up by cartella, the day checked against the span:
-- a cartella's spans never overlap, so at most one matches.)
CREATE OR REPLACE TEMP MACRO carico_open_cases(days) AS TABLE
    WITH ref AS (SELECT DISTINCT unnest(days)::DATE AS day)
    SELECT ref.day, c.id, c.person, c.istat, c.zone, c.area, c.complexity, c.initiative, c.opened, c.closed,
           c.application, c.decision, h.operator_id
    FROM ref
    JOIN cases c ON c.opened <= ref.day AND coalesce(c.closed, DATE '9999-12-31') > ref.day
    LEFT JOIN carico_holder_spans() h ON h.case_id = c.id AND ref.day BETWEEN h.from_date AND h.until;

-- The same two rules as events, to count the stock of many days in one
-- pass over the cartelle instead of one join per day: the open cartelle of
-- a holder (operator_id, '' = none) at the end of day d are the sum of n
-- over the events on or before d. A cartella adds one to '' on its opening
-- day and takes it away on its closing day (carico_open_on); each span in
-- which an operator holds it while it is open (carico_holder_spans) moves
-- it from '' to that operator on the span's first open day and back on the
-- day after the span's last.
CREATE OR REPLACE TEMP MACRO carico_open_events() AS TABLE
    WITH held AS (
        SELECT h.operator_id, c.istat, c.area, c.complexity,
               greatest(c.opened, h.from_date) AS s,
               least(coalesce(c.closed, DATE '9999-12-31'), CAST(h.until + 1 AS DATE)) AS e
        FROM carico_holder_spans() h JOIN cases c ON c.id = h.case_id
        WHERE h.operator_id <> ''
    )
    SELECT '' AS operator_id, istat, area, complexity, opened AS day, 1 AS n FROM cases
    UNION ALL
    SELECT '', istat, area, complexity, closed, -1 FROM cases WHERE closed IS NOT NULL
    UNION ALL
    SELECT unnest([operator_id, '', operator_id, '']), istat, area, complexity,
           unnest([s, s, e, e]), unnest([1, -1, -1, 1])
    FROM held WHERE s < e;

-- An istanza is pending on day d when it was filed on or before d, had no
-- decision by d, and its cartella is still open at the end of d
-- (carico_open_on). Its L. 241/1990 term runs from the filing: on d it has
-- waited d − application days. The analysis's «in attesa» and the
-- allocation queue's istanze are both this rule.
CREATE OR REPLACE TEMP MACRO carico_istanza_pending(application, decision, opened, closed, d) AS
    application <= d AND (decision IS NULL OR decision > d) AND carico_open_on(opened, closed, d);

-- The day of each cartella's last diario entry on or before d; a cartella
-- with none has no row. (A database keeps the same answer per year,
-- facts/last_entries_kept.sql, so that a request need not group the whole
-- diario; facts/kept_test.go holds the two to each other.)
CREATE OR REPLACE TEMP MACRO carico_last_entries(d) AS TABLE
    SELECT case_id, max(day) AS last_day FROM activity
    WHERE case_id IS NOT NULL AND day <= d GROUP BY case_id;

-- How long a cartella open on d has gone without a diario entry: the days
-- from its last entry on or before d, or from its opening when it has none.
CREATE OR REPLACE TEMP MACRO carico_silent_days(last_day, opened, d) AS
    date_diff('day', coalesce(last_day, opened), d);

-- A dormant cartella on day d: open on d, with no diario entry in the last
-- `days` days up to d (with none ever, counted from its opening). The
-- cartella lab closes a cartella after a year with no access and no
-- intervention; `days` is caseload.dormant_days of the model's settings.
CREATE OR REPLACE TEMP MACRO carico_dormant(d, days) AS TABLE
    SELECT o.id, o.operator_id, o.istat, o.area, o.opened, l.last_day,
           carico_silent_days(l.last_day, o.opened, o.day) AS silent_days
    FROM carico_open_cases([d]) o LEFT JOIN carico_last_entries(d) l ON l.case_id = o.id
    WHERE carico_silent_days(l.last_day, o.opened, o.day) >= days;

-- An operator is in service on d from the first to the last day of the
-- contract, both included; an empty start or end is open-ended.
CREATE OR REPLACE TEMP MACRO carico_in_service(start_date, end_date, d) AS
    (start_date IS NULL OR start_date <= d) AND (end_date IS NULL OR end_date >= d);

-- The residents of each comune for a year: the count at 1 January of that
-- year, else the nearest earlier year's, else the nearest later year's.
CREATE OR REPLACE TEMP MACRO carico_residents(y) AS TABLE
    SELECT istat, residents, year FROM residents
    QUALIFY row_number() OVER (PARTITION BY istat ORDER BY (year <= y) DESC, abs(year - y)) = 1;

-- Whether two periods share a day; a NULL end is open. The capacity
-- register never holds two reductions of one operator on the same day:
-- the import and the responsabile's form both ask this.
CREATE OR REPLACE TEMP MACRO carico_periods_overlap(a_from, a_to, b_from, b_to) AS
    a_from <= coalesce(b_to, DATE '9999-12-31') AND b_from <= coalesce(a_to, DATE '9999-12-31');
