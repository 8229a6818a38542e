-- The customer pressed 1 (or Twilio reports the bridge): the attempt and the callback are reached, the
-- customer's leg gets an unverified call record (a callback is never re-verified by itself) and a bridge
-- to the agent call that placed it. Returns requested_at only the first time, for the time-to-reach metric.
WITH attempt AS (
    UPDATE callback_attempt SET reached_at = COALESCE(reached_at, :now), result = 'reached',
           answered_at = COALESCE(answered_at, :now),
           customer_call_sid = COALESCE(customer_call_sid, :customerCallSid)
     WHERE id = :attemptId
    RETURNING id, callback_id, agent_call_sid, agent_id, customer_call_sid
), reached AS (
    UPDATE callback_request cb SET state = 'reached', reached_at = :now,
           closed_at = COALESCE(cb.closed_at, :now), last_result = 'reached',
           claimed_by_call_sid = NULL, claim_expires_at = NULL
      FROM attempt
     WHERE cb.id = attempt.callback_id AND cb.state IN ('waiting', 'offered', 'calling', 'unreached')
    RETURNING cb.id, cb.requested_at
), customer_call AS (
    INSERT INTO call (call_sid, caller, started_at, updated_at)
    SELECT attempt.customer_call_sid, cb.caller, :now, :now
      FROM attempt JOIN callback_request cb ON cb.id = attempt.callback_id
     WHERE attempt.customer_call_sid IS NOT NULL
    ON CONFLICT (call_sid) DO NOTHING
), bridged AS (
    INSERT INTO call_bridge (caller_call_sid, agent_call_sid, agent_id, bridged_at, callback_id)
    SELECT customer_call_sid, agent_call_sid, agent_id, :now, callback_id FROM attempt
     WHERE customer_call_sid IS NOT NULL
    ON CONFLICT (caller_call_sid) DO NOTHING
), logged AS (
    INSERT INTO callback_event (callback_id, happened_at, event, agent_id, agent_call_sid)
    SELECT reached.id, :now, 'reached', attempt.agent_id, attempt.agent_call_sid
      FROM reached, attempt
)
SELECT requested_at FROM reached
