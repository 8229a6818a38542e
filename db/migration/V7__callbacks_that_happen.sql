-- Callbacks that really happen, and queue records that agree with Twilio's queues.
--
-- callback_request becomes the callback itself: one row per request, open while an agent may still
-- place it (waiting, offered to an agent, being called), then closed (reached, unreached after the
-- last attempt, handled by an agent some other way, or cancelled). A caller number has at most one
-- open callback: a second request updates the first (the partial unique index below).

ALTER TABLE callback_request RENAME COLUMN handled_at TO closed_at;
ALTER TABLE callback_request RENAME COLUMN handled_by TO closed_by;
DROP INDEX callback_request_open;

ALTER TABLE callback_request
    ADD COLUMN state               text,
    -- When the caller first joined the queue: the callback keeps that place in line.
    ADD COLUMN queued_since        timestamptz,
    ADD COLUMN last_requested_at   timestamptz,
    ADD COLUMN requests            integer NOT NULL DEFAULT 1,
    -- Who the requesting call was verified as, copied from the call record (which may be purged first).
    ADD COLUMN verified_at         timestamptz,
    ADD COLUMN verified_by         text,
    ADD COLUMN account_id          bigint,
    ADD COLUMN contact_id          bigint,
    ADD COLUMN attempts            integer NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at     timestamptz,
    ADD COLUMN last_attempt_at     timestamptz,
    ADD COLUMN last_result         text,
    -- The agent call the callback is offered to, or that is calling it now, until the claim expires:
    -- a lost webhook cannot leave a callback offered or "being called" for ever.
    ADD COLUMN claimed_by_call_sid text,
    ADD COLUMN claim_expires_at    timestamptz,
    ADD COLUMN reached_at          timestamptz;

-- Requests recorded before this release were never placed: they wait from the time the caller joined.
UPDATE callback_request r SET
    state = 'waiting',
    queued_since = COALESCE((SELECT m.entered_at FROM queue_member m WHERE m.call_sid = r.call_sid), r.requested_at),
    last_requested_at = r.requested_at,
    next_attempt_at = r.requested_at,
    queue = COALESCE(r.queue, 'support-unverified'),
    verified_at = (SELECT c.verified_at FROM call c WHERE c.call_sid = r.call_sid),
    verified_by = (SELECT c.verified_by FROM call c WHERE c.call_sid = r.call_sid),
    account_id = (SELECT c.account_id FROM call c WHERE c.call_sid = r.call_sid AND c.verified_at IS NOT NULL),
    contact_id = (SELECT c.contact_id FROM call c WHERE c.call_sid = r.call_sid AND c.verified_at IS NOT NULL);
-- A number that cannot be dialled (withheld, malformed) can never be called back.
UPDATE callback_request SET state = 'cancelled', closed_at = now(), last_result = 'no-number'
 WHERE caller IS NULL OR caller !~ '^\+[1-9][0-9]{6,14}$';
-- Of several open requests from one number, the newest stays open.
UPDATE callback_request r SET state = 'cancelled', closed_at = now(), last_result = 'superseded'
 WHERE r.closed_at IS NULL
   AND EXISTS (SELECT 1 FROM callback_request n
                WHERE n.caller = r.caller AND n.closed_at IS NULL AND (n.requested_at, n.id) > (r.requested_at, r.id));

ALTER TABLE callback_request
    ALTER COLUMN state SET NOT NULL,
    ALTER COLUMN state SET DEFAULT 'waiting',
    ALTER COLUMN queue SET NOT NULL,
    ALTER COLUMN queued_since SET NOT NULL,
    ALTER COLUMN last_requested_at SET NOT NULL,
    ALTER COLUMN next_attempt_at SET NOT NULL,
    ADD CONSTRAINT callback_request_state
        CHECK (state IN ('waiting', 'offered', 'calling', 'reached', 'unreached', 'handled', 'cancelled')),
    ADD CONSTRAINT callback_request_open_means_not_closed
        CHECK ((closed_at IS NULL) = (state IN ('waiting', 'offered', 'calling'))),
    ADD CONSTRAINT callback_request_claimed_while_offered_or_calling
        CHECK ((claimed_by_call_sid IS NOT NULL AND claim_expires_at IS NOT NULL) = (state IN ('offered', 'calling')));

CREATE UNIQUE INDEX callback_request_one_open_per_number ON callback_request (caller) WHERE closed_at IS NULL;
-- The agent line's look-up of the next due callback, per tier, in the order callers joined.
CREATE INDEX callback_request_waiting ON callback_request (queue, queued_since) WHERE state = 'waiting';
CREATE INDEX callback_request_claimed ON callback_request (claim_expires_at) WHERE state IN ('offered', 'calling');

-- One row per call placed: the agent call that placed it, the customer's leg once they answered, and
-- how it ended. Its id travels in the Dial action and the Number url (signed with them; not a secret).
-- Purged with its callback.
CREATE TABLE callback_attempt (
    id                bigserial PRIMARY KEY,
    callback_id       bigint      NOT NULL REFERENCES callback_request (id) ON DELETE CASCADE,
    agent_call_sid    text        NOT NULL,
    agent_id          bigint      REFERENCES agent (id),
    placed_at         timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    answered_at       timestamptz,
    customer_call_sid text,
    reached_at        timestamptz,
    ended_at          timestamptz,
    result            text CHECK (result IN ('reached', 'declined', 'no-answer', 'busy', 'failed', 'canceled',
                                             'no-result'))
);
CREATE INDEX callback_attempt_callback ON callback_attempt (callback_id);

-- Every change to a callback, with the agent who made it (none for the caller's own request and for
-- expiries). Never holds keyed digits. An audit of agents' actions: kept for RETENTION_AUDIT, longer than
-- the callback itself (RETENTION_CALLS), so callback_id is not a foreign key.
CREATE TABLE callback_event (
    id             bigserial   PRIMARY KEY,
    callback_id    bigint      NOT NULL,
    happened_at    timestamptz NOT NULL,
    event          text        NOT NULL,
    agent_id       bigint      REFERENCES agent (id),
    agent_call_sid text,
    detail         text
);
CREATE INDEX callback_event_callback ON callback_event (callback_id, happened_at);
CREATE INDEX callback_event_happened ON callback_event (happened_at);

-- A bridge made by a callback: the console shows the callback's identity for it.
ALTER TABLE call_bridge ADD COLUMN callback_id bigint;

-- The queue an agent call last dialled and when: a Dial that comes back without a bridge proves that
-- queue was empty, so the waiting records of it not refreshed since then are closed as gone.
ALTER TABLE agent_call ADD COLUMN dialled_queue text, ADD COLUMN dialled_at timestamptz;
