-- The working tables of an analysis, dropped when it ends.
DROP TABLE IF EXISTS an_month;
DROP TABLE IF EXISTS an_holder;
DROP TABLE IF EXISTS an_open;
DROP TABLE IF EXISTS an_active;
DROP TABLE IF EXISTS an_case_activity;
DROP TABLE IF EXISTS an_holiday;
DROP TABLE IF EXISTS an_term;
DROP TABLE IF EXISTS an_procedure_term;
DROP TABLE IF EXISTS an_istanza;
DROP TABLE IF EXISTS an_procedure;
DROP TABLE IF EXISTS an_closed_on_request;
