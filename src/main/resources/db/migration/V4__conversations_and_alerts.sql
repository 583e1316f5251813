-- The console and the alerts (issue 9): one row per conversation, the alerts' shared state, and the indexes their
-- reads need. Every list and count below reads an index range, so it stays fast over millions of rows.

-- One row per conversation, written in the same transaction as the turn that starts or ends it. The session row
-- holds only a person's latest conversation (and goes once it has ended and idled past SESSION_TTL); this keeps
-- every conversation for RETENTION_DAYS, with how it ended.
CREATE TABLE conversations (
    id              ${row_id},
    conversation_id TEXT    NOT NULL,
    user_key        TEXT    NOT NULL,
    wa_id           TEXT,
    user_id         TEXT,
    profile_name    TEXT,
    -- active | finished | failed | cancelled | abandoned | restarted | reset | ended (an unknown ending, from before V4)
    status          TEXT    NOT NULL,
    started_at      BIGINT  NOT NULL,
    ended_at        BIGINT
);
-- Each alert's state, shared by every instance: the one whose update flips it is the one that notifies, so an
-- alert fires once and clears once however many instances watch, and a restart does not fire it again.
CREATE TABLE alerts (
    name        TEXT    PRIMARY KEY,
    state       TEXT    NOT NULL,            -- firing | resolved
    severity    TEXT    NOT NULL,
    summary     TEXT    NOT NULL,
    details     TEXT,
    instance    TEXT,
    started_at  BIGINT  NOT NULL,
    resolved_at BIGINT,
    updated_at  BIGINT  NOT NULL
);

-- A conversation's submissions (console, backfill below), and submissions by time (export, counts, alerts).
CREATE INDEX submissions_conversation ON submissions (conversation_id);
CREATE INDEX submissions_created ON submissions (created_at, id);
-- Failed replies by code and time: refused at send, or reported failed by a status webhook. Only failures are
-- indexed, so the hot path pays nothing for a reply that goes out.
CREATE INDEX outbox_failed ON outbox (created_at, error_code) WHERE status = 'failed' OR delivery = 'failed';

-- Conversations that existed before this version: each session's latest one, and every earlier one that reached
-- the business API; how they ended as far as their submissions tell, and the name their person goes by on WhatsApp.
-- Computed in the inserts (no second pass over the rows), before the list's indexes exist (built once, after).
INSERT INTO conversations (conversation_id, user_key, wa_id, user_id, profile_name, status, started_at, ended_at)
SELECT s.conversation_id, s.user_key, s.wa_id, s.user_id,
       (SELECT i.profile_name FROM inbox i WHERE i.user_key = s.user_key AND i.profile_name IS NOT NULL
        ORDER BY i.received_at DESC LIMIT 1),
       CASE WHEN s.state <> 'CONVERSATION_ENDED' THEN 'active' ELSE COALESCE((
            SELECT CASE MIN(b.status) WHEN 'done' THEN 'finished' WHEN 'failed' THEN 'failed' END
            FROM submissions b WHERE b.conversation_id = s.conversation_id), 'ended') END,
       COALESCE(s.started_at, s.updated_at, 0),
       CASE WHEN s.state = 'CONVERSATION_ENDED' THEN COALESCE(s.updated_at, s.started_at, 0) END
FROM sessions s WHERE s.conversation_id IS NOT NULL;

INSERT INTO conversations (conversation_id, user_key, wa_id, user_id, profile_name, status, started_at, ended_at)
SELECT g.conversation_id, g.user_key,
       CASE WHEN g.user_key LIKE '%.%' THEN NULL ELSE g.user_key END,
       CASE WHEN g.user_key LIKE '%.%' THEN g.user_key END,
       (SELECT i.profile_name FROM inbox i WHERE i.user_key = g.user_key AND i.profile_name IS NOT NULL
        ORDER BY i.received_at DESC LIMIT 1),
       CASE g.status WHEN 'done' THEN 'finished' WHEN 'failed' THEN 'failed' ELSE 'ended' END,
       g.started_at, g.ended_at
FROM (SELECT conversation_id, MIN(user_key) AS user_key, MIN(status) AS status, MIN(created_at) AS started_at,
             MAX(COALESCE(completed_at, created_at)) AS ended_at
      FROM submissions
      WHERE conversation_id NOT IN (SELECT conversation_id FROM conversations)
      GROUP BY conversation_id) g;

CREATE UNIQUE INDEX conversations_id ON conversations (conversation_id);
-- The list pages newest first by (started_at, id): one index per way of narrowing it.
CREATE INDEX conversations_started ON conversations (started_at, id);
CREATE INDEX conversations_status ON conversations (status, started_at, id);
CREATE INDEX conversations_user ON conversations (user_key, started_at, id);
CREATE INDEX conversations_user_id ON conversations (user_id, started_at, id);
-- Endings by day and status (the overview); its ended_at IS NULL range is the open conversations (the sweep).
CREATE INDEX conversations_ended ON conversations (ended_at, status);

