-- One holiday of the calendar the audit checks the diario against.
INSERT INTO an_holiday VALUES ($day::DATE, $name)
