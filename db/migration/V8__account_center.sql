-- The account center's two integrations: OpenID Connect sign-in and the server-to-server API.

-- A contact's id in the account center: the ID token's subject (or the configured claim) and the
-- key of PUT /api/v1/contacts/{externalId}. Contacts from before keep NULL until the API names them.
ALTER TABLE contact ADD COLUMN external_id text;
CREATE UNIQUE INDEX contact_external_id_unique ON contact (external_id) WHERE external_id IS NOT NULL;
-- A disabled contact (DELETE /api/v1/contacts/{externalId}) keeps its history, signs in no more and
-- holds no live PIN.
ALTER TABLE contact ADD COLUMN disabled_at timestamptz;
-- Contacts created through the API may have no password: they sign in with the account center only.
ALTER TABLE contact ALTER COLUMN password_hash DROP NOT NULL;

-- Whether a web session was started by the account center's sign-in, so logout can end that one too.
ALTER TABLE web_session ADD COLUMN by_provider boolean NOT NULL DEFAULT false;

-- A sign-in sent to the account center and not yet back. Any instance can finish it: the row is keyed
-- by a SHA-256 of the `state` and bound to the browser by a SHA-256 of a random token in an HttpOnly
-- cookie. The PKCE verifier and the nonce are derived from that token with a key from APP_SECRET,
-- so nothing here lets a copy of the table finish a sign-in. Deleted when used (one use only).
CREATE TABLE oidc_login (
    state_hash   bytea       PRIMARY KEY,
    browser_hash bytea       NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX oidc_login_age ON oidc_login (created_at);

-- Keys of the server-to-server API. The key is shown once; only HMAC-SHA256 of its secret part
-- (under a key derived from APP_SECRET) is stored, found by the key's public id and compared in
-- constant time.
CREATE TABLE api_key (
    id          bigserial   PRIMARY KEY,
    name        text        NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9._-]{1,64}$'),
    public_id   text        NOT NULL UNIQUE,
    secret_hash bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

-- Per-key rate limit: one counter per key and minute, raised in one statement by every call.
CREATE TABLE api_rate (
    key_id       bigint      NOT NULL REFERENCES api_key (id) ON DELETE CASCADE,
    window_start timestamptz NOT NULL,
    calls        integer     NOT NULL,
    PRIMARY KEY (key_id, window_start)
);

-- Every API call, with the name of the key that made it (never the key); NULL when no valid key came.
CREATE TABLE api_call (
    id          bigserial   PRIMARY KEY,
    key_name    text,
    method      text        NOT NULL,
    path        text        NOT NULL,
    status      integer     NOT NULL,
    called_at   timestamptz NOT NULL
);
CREATE INDEX api_call_key ON api_call (key_name, called_at);
-- for the retention purge (RETENTION_AUDIT), as V9 does for the other write-once time columns
CREATE INDEX api_call_age ON api_call (called_at);
