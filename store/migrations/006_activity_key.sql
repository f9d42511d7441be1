-- The diario table loses its PRIMARY KEY. DuckDB keeps a primary key as an
-- ART index that must be built on every insert and rewritten whole at every
-- checkpoint: on 1,000,000 rows it cost 1.8 s of a 5 s import, and on a
-- Region's tens of millions of rows its memory grows with the table. The
-- uniqueness of id is kept by the one writer, the importer, whose merge
-- drops the earlier of two rows with the same id in a file and inserts only
-- ids the table does not hold (ingest/merge.go; checked after every import
-- in the tests). The columns and their checks are those of 002.
CREATE TABLE activity_new (
    id          VARCHAR NOT NULL,
    day         DATE NOT NULL,
    start_time  TIME,
    operator_id VARCHAR NOT NULL,
    case_id     VARCHAR,
    kind        VARCHAR NOT NULL CHECK (kind IN ('case', 'community', 'access', 'admin', 'training', 'other')),
    minutes     INTEGER NOT NULL CHECK (minutes >= 0 AND minutes <= 1440),
    istat       VARCHAR,
    raw_label   VARCHAR,
    note        VARCHAR, -- free text, only when a profile explicitly imports it
    batch_id    BIGINT
);
INSERT INTO activity_new SELECT * FROM activity ORDER BY rowid;
DROP TABLE activity;
ALTER TABLE activity_new RENAME TO activity;
