-- Identity (issue 15, ADR 29): sign-ins through OpenID Connect providers in progress, the
-- provider accounts linked to ours, and organisations whose people sign in only through their
-- provider. The SQLite twin of this file has the same tables, columns and meaning.

-- A sign-in (or a re-authentication before an approval) started and not yet answered. The state
-- is kept as its SHA-256 only and the row is taken when the answer comes, so a state works once.
CREATE TABLE oidc_flows (
    state_hash   TEXT PRIMARY KEY,
    -- The SHA-256 of a cookie set in the browser that started the flow.
    browser_hash TEXT NOT NULL,
    provider     BIGINT NOT NULL,
    nonce        TEXT NOT NULL,
    -- The PKCE code verifier (RFC 7636): kept here, never sent to the browser.
    verifier     TEXT NOT NULL,
    return_to    TEXT NOT NULL,
    -- A re-authentication: the account, the meeting whose protocol it approves, the paragraph.
    user_id      BIGINT REFERENCES users(id) ON DELETE CASCADE,
    meeting_id   BIGINT REFERENCES meetings(id) ON DELETE CASCADE,
    paragraph    BIGINT,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX oidc_flows_expires ON oidc_flows(expires_at);

-- An account at a provider (issuer and subject, OpenID Connect Core 1.0 §2: together they are
-- the stable identifier) linked to one of ours.
CREATE TABLE user_identities (
    issuer       TEXT NOT NULL,
    subject      TEXT NOT NULL,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_auth_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user ON user_identities(user_id);

-- False: the accounts of the organisation's people sign in only through its provider.
ALTER TABLE organisations ADD COLUMN local_passwords BOOLEAN NOT NULL DEFAULT TRUE;
