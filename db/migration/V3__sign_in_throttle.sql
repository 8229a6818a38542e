-- Sign-in throttle: one row per failed (or in-flight) sign-in attempt, keyed twice: by the e-mail
-- address as typed (lower-cased) and by the client address. Keys are stored only as HMAC-SHA256
-- under a key derived from APP_SECRET, so the table lists neither e-mails nor IP addresses, and
-- unknown e-mails are counted exactly like real ones (the throttle reveals no account).
-- A key with 10 rows in the last 15 minutes is refused with 429 until the oldest of them ages out.
CREATE TABLE sign_in_failure (
    id        bigserial   PRIMARY KEY,
    key_hash  bytea       NOT NULL,
    failed_at timestamptz NOT NULL
);
CREATE INDEX sign_in_failure_key ON sign_in_failure (key_hash, failed_at);
CREATE INDEX sign_in_failure_age ON sign_in_failure (failed_at);
