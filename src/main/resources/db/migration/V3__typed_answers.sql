-- Answers with types (numbers, booleans, media and locations as JSON objects), and answers a person went back over.
-- Rows written before stay readable: a null value_kind is a plain string, as every answer used to be.
ALTER TABLE answers ADD COLUMN value_kind TEXT;       -- null: value is a string; number | boolean | object: value is JSON
ALTER TABLE answers ADD COLUMN withdrawn_at BIGINT;   -- when the person went back over this answer; null while it counts
