-- Each cartella's open life cut by who holds it, kept with the other
-- derivations of migration 014 (facts/kept.go) so that the cartelle open
-- on a day with their holder, and the case-years of a period, are one scan
-- instead of a join of the cartelle with their holder spans computed
-- again (store/rules.sql, carico_holder_spans) on every request.
--
-- The rows of a cartella do not overlap and cover the days it is open at
-- the end of (carico_open_on: from the opening to the day before the
-- closing): a stretch an operator holds it, or (operator_id NULL) a
-- stretch nobody does. gap marks the stretches of a cartella with
-- assignments that none covers: the case-years leave them out, as they
-- count the holder spans of such a cartella only; a cartella with no
-- holder span at all counts its whole life, without an operator.
CREATE TABLE case_timeline (
    case_id     VARCHAR NOT NULL,
    operator_id VARCHAR,
    from_date   DATE NOT NULL,
    until       DATE NOT NULL,
    gap         BOOLEAN NOT NULL,
    istat       VARCHAR,
    area        VARCHAR,
    complexity  INTEGER,
    opened      DATE NOT NULL
);
-- A database kept under 014 has no timeline yet: every kept derivation is
-- rebuilt on the next request that can write.
DELETE FROM kept_version;
