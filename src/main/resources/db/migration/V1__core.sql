-- One schema for both databases; the row_id placeholder is the dialect's auto-increment key (store.Database).
-- Times are epoch milliseconds: one portable type, cheap to compare and index.

CREATE TABLE inbox (
    id              ${row_id},
    message_id      TEXT    NOT NULL UNIQUE,   -- Meta's wamid: the dedupe key, Meta redelivers for days
    user_key        TEXT    NOT NULL,
    wa_id           TEXT,
    user_id         TEXT,
    profile_name    TEXT,
    type            TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    body            TEXT,
    choice_id       TEXT,
    sent_at         BIGINT,
    received_at     BIGINT  NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending',   -- pending | done
    conversation_id TEXT,
    processed_at    BIGINT
);
CREATE INDEX inbox_pending ON inbox (user_key, id) WHERE status = 'pending';
-- Ordered by time, not id, so that the pending-work lookups by (user_key, id) take the partial indexes.
CREATE INDEX inbox_user ON inbox (user_key, received_at);
CREATE INDEX inbox_received ON inbox (received_at);

CREATE TABLE sessions (
    user_key        TEXT    PRIMARY KEY,
    wa_id           TEXT,
    user_id         TEXT,
    state           TEXT    NOT NULL,
    conversation_id TEXT,
    started_at      BIGINT,
    updated_at      BIGINT,
    extra_questions TEXT    NOT NULL,          -- JSON list: questions the business API added to this session only
    position        INTEGER NOT NULL,
    submissions     INTEGER NOT NULL,
    flood_window    BIGINT,
    flood_count     INTEGER NOT NULL,
    version         BIGINT  NOT NULL
);
CREATE INDEX sessions_updated ON sessions (updated_at);

CREATE TABLE answers (
    id              ${row_id},
    user_key        TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    question_id     TEXT    NOT NULL,
    value           TEXT    NOT NULL,
    choice_id       TEXT,
    answered_at     BIGINT  NOT NULL
);
CREATE INDEX answers_conversation ON answers (conversation_id, id);

CREATE TABLE outbox (
    id              ${row_id},
    user_key        TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    conversation_id TEXT,
    body            TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending',   -- pending | sent | failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    wamid           TEXT,
    delivery        TEXT,                                  -- Meta's latest status: sent, delivered, read, failed
    error_code      INTEGER,
    error_detail    TEXT,
    created_at      BIGINT  NOT NULL,
    sent_at         BIGINT
);
CREATE INDEX outbox_pending ON outbox (user_key, id) WHERE status = 'pending';
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE UNIQUE INDEX outbox_wamid ON outbox (wamid);
CREATE INDEX outbox_user ON outbox (user_key, created_at);

CREATE TABLE submissions (
    id              TEXT    PRIMARY KEY,       -- also the Idempotency-Key
    user_key        TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending',   -- pending | done | failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    response        TEXT,
    error           TEXT,
    created_at      BIGINT  NOT NULL,
    completed_at    BIGINT
);
CREATE INDEX submissions_due ON submissions (next_attempt_at) WHERE status = 'pending';
CREATE INDEX submissions_user ON submissions (user_key, created_at);
