-- Agents: who may take calls on the agent line and open the agent console, the agent line's guess
-- cap, the agent's own phone calls, who waits in which queue, which agent call got which caller,
-- callback requests, and console sessions (kept apart from customer sessions).

CREATE TABLE agent (
    id            bigserial PRIMARY KEY,
    name          text        NOT NULL,
    email         text        NOT NULL,
    agent_code    text        NOT NULL UNIQUE CHECK (agent_code ~ '^[0-9]{4,10}$'),
    -- Argon2id PHC strings: the console password and the numeric phone passcode.
    password_hash text        NOT NULL,
    passcode_hash text        NOT NULL,
    disabled_at   timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agent_email_unique ON agent (lower(email));

-- Guess cap of the agent line, keyed by the agent code as keyed: unknown codes are counted and
-- locked exactly like real ones, so the line never reveals which codes exist.
CREATE TABLE agent_guard (
    agent_code      text        PRIMARY KEY,
    failed_attempts integer     NOT NULL DEFAULT 0,
    locked_until    timestamptz
);

-- An agent's own call to the agent line, one row per CallSid. Holds no passcode, only a keyed
-- fingerprint of the last input so a retried webhook is answered without being counted again.
CREATE TABLE agent_call (
    call_sid        text        PRIMARY KEY,
    caller          text,
    started_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    code_entered    text,
    failures        integer     NOT NULL DEFAULT 0,
    reprompts       integer     NOT NULL DEFAULT 0,
    agent_id        bigint REFERENCES agent (id),
    signed_in_at    timestamptz,
    idle_since      timestamptz,
    ended_at        timestamptz,
    last_step       text,
    last_input_hash bytea,
    last_response   text
);
CREATE INDEX agent_call_agent ON agent_call (agent_id) WHERE agent_id IS NOT NULL;

-- Who waits in which queue, from the app's own records: the Enqueue it answered, every waitUrl
-- request, the Enqueue action, the Queue url at the bridge, and status callbacks.
CREATE TABLE queue_member (
    call_sid     text        PRIMARY KEY,
    queue        text        NOT NULL,
    queue_sid    text,
    entered_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    position     integer,
    left_at      timestamptz,
    left_result  text
);
CREATE INDEX queue_member_waiting ON queue_member (queue, entered_at) WHERE left_at IS NULL;

-- Which agent call got which caller, recorded from the Queue url request (CallSid is the caller,
-- DequeingCallSid the agent's call): the only binding the app can trust.
CREATE TABLE call_bridge (
    caller_call_sid text        PRIMARY KEY,
    agent_call_sid  text        NOT NULL,
    agent_id        bigint REFERENCES agent (id),
    bridged_at      timestamptz NOT NULL,
    ended_at        timestamptz
);
CREATE INDEX call_bridge_agent_call ON call_bridge (agent_call_sid);
CREATE INDEX call_bridge_agent_live ON call_bridge (agent_id, bridged_at) WHERE ended_at IS NULL;

CREATE TABLE callback_request (
    id           bigserial PRIMARY KEY,
    call_sid     text        NOT NULL UNIQUE,
    caller       text,
    queue        text,
    requested_at timestamptz NOT NULL,
    handled_at   timestamptz,
    handled_by   bigint REFERENCES agent (id)
);
CREATE INDEX callback_request_open ON callback_request (requested_at) WHERE handled_at IS NULL;

-- Console sessions of agents; only a SHA-256 of the session id is stored.
CREATE TABLE agent_session (
    id_hash      bytea       PRIMARY KEY,
    agent_id     bigint      NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    csrf_token   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);
CREATE INDEX agent_session_agent ON agent_session (agent_id);

-- A caller verified by an agent from the console, and which agent checked a PIN.
ALTER TABLE call ADD COLUMN verified_by_agent bigint REFERENCES agent (id);
ALTER TABLE verification_attempt ADD COLUMN agent_id bigint REFERENCES agent (id);
