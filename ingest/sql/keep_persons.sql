-- A staged case whose row had no codice fiscale (its pseudonym comes from
-- name and birth date) keeps the person of the case already stored.
UPDATE stg SET person = c.person
FROM cases c
WHERE c.id = stg.id AND stg.person_by_name
