-- Procedures pending at the reference date and already past their term.
SELECT id, NULL, operator_id, application,
    'istanza del ' || strftime(application, '%d/%m/%Y') || ', in attesa da ' || days_pending || ' giorni, termine ' || term || ' giorni'
FROM an_procedure WHERE pending AND days_pending > term
