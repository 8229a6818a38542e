-- Offers a waiting callback to one agent call until :until; audited with the agent.
WITH offered AS (
    UPDATE callback_request SET state = 'offered', claimed_by_call_sid = :agentCallSid,
           claim_expires_at = :until
     WHERE id = :id AND state = 'waiting'
    RETURNING id
)
INSERT INTO callback_event (callback_id, happened_at, event, agent_id, agent_call_sid)
SELECT id, :now, 'offered', :agentId, :agentCallSid FROM offered
