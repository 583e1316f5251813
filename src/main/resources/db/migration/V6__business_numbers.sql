-- Several WhatsApp numbers in one deployment (issue 10). A person who writes to two numbers has two conversations,
-- so everything keyed by user_key is keyed by the number too: user_key is '<scope>:<person>', where the scope
-- stands for the number written to. Each number gets its scope once, here, and keeps it: the first number a database
-- serves gets the empty scope, so its keys stay the bare person, as every key was before this version. A
-- single-number database keeps its sessions, and adding a second number rewrites nothing.
CREATE TABLE numbers (
    phone_number_id TEXT    PRIMARY KEY,       -- Meta's id of the business number
    scope           TEXT    NOT NULL UNIQUE,   -- '' for the first number, else the phone_number_id
    registered_at   BIGINT  NOT NULL
);

-- The scope of each row's number, where the console and the operator endpoints list or count by number. Rows from
-- before this version belong to the one number there was: the empty scope. A constant default, so adding the column
-- rewrites no row on either database.
ALTER TABLE sessions ADD COLUMN number_scope TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN number_scope TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN number_scope TEXT NOT NULL DEFAULT '';

-- The conversations list narrowed to one number, newest first, as the other filters read it (V4).
CREATE INDEX conversations_number ON conversations (number_scope, started_at, id);
-- A person found by phone across numbers: their key names a number, their wa_id does not.
CREATE INDEX conversations_wa_id ON conversations (wa_id, started_at, id);
-- One number's submissions by time: the export narrowed to a number.
CREATE INDEX submissions_number ON submissions (number_scope, created_at, id);
