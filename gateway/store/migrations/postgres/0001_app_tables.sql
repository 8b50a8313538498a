-- The gateway's app tables on PostgreSQL.

CREATE TABLE users (
    subject        TEXT PRIMARY KEY,
    email          TEXT NOT NULL,
    name           TEXT NOT NULL,
    graph_user_id  TEXT,
    first_seen_at  TIMESTAMPTZ NOT NULL,
    last_seen_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE role_mappings (
    group_name  TEXT PRIMARY KEY,
    role        TEXT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE api_tokens (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            TEXT NOT NULL,
    subject         TEXT NOT NULL,
    role            TEXT NOT NULL,
    graph_user_id   TEXT,
    secret_sha256   TEXT NOT NULL UNIQUE,
    display_prefix  TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ,
    revoked_at      TIMESTAMPTZ,
    last_used_at    TIMESTAMPTZ
);

CREATE TABLE conversations (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    principal      TEXT NOT NULL,
    surface        TEXT NOT NULL,
    title          TEXT NOT NULL,
    message_count  BIGINT NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX conversations_by_principal ON conversations (principal, updated_at);

CREATE TABLE messages (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id  BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    position         BIGINT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    text             TEXT NOT NULL,
    answer_json      JSONB,
    created_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (conversation_id, position)
);

CREATE TABLE forecast_submissions (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    principal         TEXT NOT NULL,
    period            TEXT NOT NULL,
    scope_label       TEXT NOT NULL,
    commit_amount     BIGINT NOT NULL,
    best_case_amount  BIGINT NOT NULL,
    note              TEXT,
    submitted_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX forecast_submissions_by_period ON forecast_submissions (period);

CREATE TABLE forecast_overrides (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    principal          TEXT NOT NULL,
    deal_id            TEXT NOT NULL,
    forecast_category  TEXT,
    amount             BIGINT,
    close_date         DATE,
    note               TEXT,
    recorded_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX forecast_overrides_by_deal ON forecast_overrides (deal_id);

CREATE TABLE alert_acknowledgements (
    alert_id         TEXT NOT NULL,
    principal        TEXT NOT NULL,
    note             TEXT,
    acknowledged_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (alert_id, principal)
);
CREATE INDEX alert_acknowledgements_by_principal ON alert_acknowledgements (principal);

CREATE TABLE briefs (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('daily', 'weekly')),
    for_date    DATE NOT NULL,
    principal   TEXT NOT NULL,
    markdown    TEXT NOT NULL,
    json        JSONB NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX briefs_by_kind_principal ON briefs (kind, principal, for_date);

-- Append-only and hash-chained: `seq` is assigned by the store while it holds the chain's
-- advisory lock (never a sequence, so a rolled-back append leaves no gap); the primary key on
-- it is the last line of defence against a forked chain. Hashed fields are stored as text,
-- exactly as hashed (JSONB would reorder keys).
CREATE TABLE audit_log (
    seq                BIGINT PRIMARY KEY,
    at                 TIMESTAMPTZ NOT NULL,
    principal          TEXT NOT NULL,
    surface            TEXT NOT NULL,
    kind               TEXT NOT NULL,
    name               TEXT NOT NULL,
    args_json          TEXT NOT NULL,
    returned_ids_json  TEXT NOT NULL,
    answer_id          TEXT,
    decision           TEXT NOT NULL,
    latency_ms         BIGINT NOT NULL,
    detail             TEXT,
    prev_hash          TEXT NOT NULL,
    hash               TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_by_principal ON audit_log (principal, seq);
