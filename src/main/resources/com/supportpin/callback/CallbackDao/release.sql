-- The agent pressed nothing, or 2: the offer goes back to waiting, audited as :event.
WITH released AS (
    UPDATE callback_request SET state = 'waiting', claimed_by_call_sid = NULL, claim_expires_at = NULL
     WHERE claimed_by_call_sid = :agentCallSid AND state = 'offered'
    RETURNING id
)
INSERT INTO callback_event (callback_id, happened_at, event, agent_id, agent_call_sid)
SELECT id, :now, :event, :agentId, :agentCallSid FROM released
