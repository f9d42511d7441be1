-- Base: the procedures pending at the reference date.
SELECT count(*) FROM an_procedure WHERE pending
