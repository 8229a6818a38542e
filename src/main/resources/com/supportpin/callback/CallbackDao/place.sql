-- The agent pressed 1: the callback offered to this agent call is being called, one more attempt, audited.
WITH calling AS (
    UPDATE callback_request SET state = 'calling', attempts = attempts + 1, last_attempt_at = :now,
           next_attempt_at = :nextAttemptAt, claim_expires_at = :expiresAt
     WHERE claimed_by_call_sid = :agentCallSid AND state = 'offered'
    RETURNING id, caller, queue, attempts
), attempt AS (
    INSERT INTO callback_attempt (callback_id, agent_call_sid, agent_id, placed_at, expires_at)
    SELECT id, :agentCallSid, :agentId, :now, :expiresAt FROM calling
    RETURNING id, callback_id
), logged AS (
    INSERT INTO callback_event (callback_id, happened_at, event, agent_id, agent_call_sid, detail)
    SELECT id, :now, 'placed', :agentId, :agentCallSid, 'attempt ' || attempts FROM calling
)
SELECT attempt.id AS attempt_id, calling.id AS callback_id, calling.caller, calling.queue, calling.attempts
  FROM calling JOIN attempt ON attempt.callback_id = calling.id
