-- Core schema: accounts and their contacts, Support PINs, the per-account guess cap,
-- the call record per CallSid, the verification audit, and web sessions.

CREATE TABLE account (
    id             bigserial PRIMARY KEY,
    account_number text        NOT NULL UNIQUE CHECK (account_number ~ '^[0-9]{1,12}$'),
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE contact (
    id            bigserial PRIMARY KEY,
    account_id    bigint      NOT NULL REFERENCES account (id),
    name          text        NOT NULL,
    email         text        NOT NULL,
    phone         text,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX contact_email_unique ON contact (lower(email));
CREATE INDEX contact_account ON contact (account_id);

-- A PIN is stored only as HMAC-SHA256(APP_SECRET-derived key, account number ':' PIN).
-- The partial unique index keeps two live PINs of one account from ever colliding.
CREATE TABLE support_pin (
    id               bigserial PRIMARY KEY,
    account_id       bigint      NOT NULL REFERENCES account (id),
    contact_id       bigint      NOT NULL REFERENCES contact (id),
    pin_hash         bytea       NOT NULL,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    used_at          timestamptz,
    used_by_call_sid text,
    revoked_at       timestamptz
);
CREATE UNIQUE INDEX support_pin_live_hash ON support_pin (account_id, pin_hash)
    WHERE used_at IS NULL AND revoked_at IS NULL;
CREATE INDEX support_pin_live_contact ON support_pin (contact_id)
    WHERE used_at IS NULL AND revoked_at IS NULL;

-- Guess cap, keyed by the account number as entered: unknown numbers are counted and locked
-- exactly like real ones, so the phone line never reveals which accounts exist.
CREATE TABLE pin_guard (
    account_number  text        PRIMARY KEY,
    failed_attempts integer     NOT NULL DEFAULT 0,
    locked_until    timestamptz
);

CREATE TABLE call (
    call_sid          text        PRIMARY KEY,
    caller            text,
    started_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    account_entered   text,
    pin_failures      integer     NOT NULL DEFAULT 0,
    reprompts         integer     NOT NULL DEFAULT 0,
    account_id        bigint REFERENCES account (id),
    contact_id        bigint REFERENCES contact (id),
    verified_at       timestamptz,
    verified_by       text,
    queue             text,
    unverified_reason text,
    queue_result      text,
    queue_time_s      integer,
    final_status      text,
    -- Last answered digits step, so a webhook Twilio retries gets the same TwiML
    -- instead of being counted again. The input is kept only as a keyed hash.
    last_step         text,
    last_input_hash   bytea,
    last_response     text
);

CREATE TABLE verification_attempt (
    id              bigserial PRIMARY KEY,
    call_sid        text        NOT NULL,
    caller          text,
    account_entered text        NOT NULL,
    outcome         text        NOT NULL,
    channel         text        NOT NULL DEFAULT 'ivr',
    attempted_at    timestamptz NOT NULL
);
CREATE INDEX verification_attempt_account ON verification_attempt (account_entered, attempted_at);

-- Only a SHA-256 of the session id is stored: a copy of this table signs nobody in.
CREATE TABLE web_session (
    id_hash      bytea       PRIMARY KEY,
    contact_id   bigint      NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    csrf_token   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);
CREATE INDEX web_session_contact ON web_session (contact_id);
