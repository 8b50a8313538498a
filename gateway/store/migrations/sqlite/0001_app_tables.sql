-- The gateway's app tables on SQLite. Timestamps are TEXT in one fixed RFC 3339 form
-- (`YYYY-MM-DDTHH:MM:SS.ffffffZ`, written by the store) so that text order is time order.

CREATE TABLE users (
    subject        TEXT PRIMARY KEY NOT NULL,
    email          TEXT NOT NULL,
    name           TEXT NOT NULL,
    graph_user_id  TEXT,
    first_seen_at  TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL
);

CREATE TABLE role_mappings (
    group_name  TEXT PRIMARY KEY NOT NULL,
    role        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT NOT NULL,
    subject         TEXT NOT NULL,
    role            TEXT NOT NULL,
    graph_user_id   TEXT,
    secret_sha256   TEXT NOT NULL UNIQUE,
    display_prefix  TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT,
    revoked_at      TEXT,
    last_used_at    TEXT
);

CREATE TABLE conversations (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    principal      TEXT NOT NULL,
    surface        TEXT NOT NULL,
    title          TEXT NOT NULL,
    message_count  INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX conversations_by_principal ON conversations (principal, updated_at);

CREATE TABLE messages (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id  INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    text             TEXT NOT NULL,
    answer_json      TEXT,
    created_at       TEXT NOT NULL,
    UNIQUE (conversation_id, position)
);

CREATE TABLE forecast_submissions (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    principal         TEXT NOT NULL,
    period            TEXT NOT NULL,
    scope_label       TEXT NOT NULL,
    commit_amount     INTEGER NOT NULL,
    best_case_amount  INTEGER NOT NULL,
    note              TEXT,
    submitted_at      TEXT NOT NULL
);
CREATE INDEX forecast_submissions_by_period ON forecast_submissions (period);

CREATE TABLE forecast_overrides (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    principal          TEXT NOT NULL,
    deal_id            TEXT NOT NULL,
    forecast_category  TEXT,
    amount             INTEGER,
    close_date         TEXT,
    note               TEXT,
    recorded_at        TEXT NOT NULL
);
CREATE INDEX forecast_overrides_by_deal ON forecast_overrides (deal_id);

CREATE TABLE alert_acknowledgements (
    alert_id         TEXT NOT NULL,
    principal        TEXT NOT NULL,
    note             TEXT,
    acknowledged_at  TEXT NOT NULL,
    PRIMARY KEY (alert_id, principal)
);
CREATE INDEX alert_acknowledgements_by_principal ON alert_acknowledgements (principal);

CREATE TABLE briefs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL CHECK (kind IN ('daily', 'weekly')),
    for_date    TEXT NOT NULL,
    principal   TEXT NOT NULL,
    markdown    TEXT NOT NULL,
    json        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX briefs_by_kind_principal ON briefs (kind, principal, for_date);

-- Append-only and hash-chained: `seq` is assigned by the store under the write lock (never
-- AUTOINCREMENT, so a rolled-back append leaves no gap); the primary key on it is the last
-- line of defence against a forked chain.
CREATE TABLE audit_log (
    seq                INTEGER PRIMARY KEY NOT NULL,
    at                 TEXT NOT NULL,
    principal          TEXT NOT NULL,
    surface            TEXT NOT NULL,
    kind               TEXT NOT NULL,
    name               TEXT NOT NULL,
    args_json          TEXT NOT NULL,
    returned_ids_json  TEXT NOT NULL,
    answer_id          TEXT,
    decision           TEXT NOT NULL,
    latency_ms         INTEGER NOT NULL,
    detail             TEXT,
    prev_hash          TEXT NOT NULL,
    hash               TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_by_principal ON audit_log (principal, seq);
