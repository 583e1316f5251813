-- Several instances on PostgreSQL: every running instance says it is alive once a second, and every claim names
-- the instance that holds it. A claim whose instance has fallen silent is released at once by whichever instance
-- notices, instead of lapsing when its lease ends (a minute for a reply). heartbeat_at is the database's own clock
-- in epoch milliseconds, so the instances' clocks need not agree for this.

CREATE TABLE instances (
    id           TEXT    PRIMARY KEY,
    host         TEXT    NOT NULL,
    pid          BIGINT  NOT NULL,
    started_at   BIGINT  NOT NULL,
    heartbeat_at BIGINT  NOT NULL
);

ALTER TABLE outbox ADD COLUMN claimed_by TEXT;        -- instances.id of the sender holding the row; null when free
ALTER TABLE submissions ADD COLUMN claimed_by TEXT;   -- instances.id of the worker posting it; null when free
