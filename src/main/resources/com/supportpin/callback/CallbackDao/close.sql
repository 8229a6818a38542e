-- An agent closes an open callback from the console (handled another way, or cancelled), audited with their id.
WITH closed AS (
    UPDATE callback_request SET state = :state, closed_at = :now, closed_by = :agentId,
           claimed_by_call_sid = NULL, claim_expires_at = NULL
     WHERE id = :id AND state IN ('waiting', 'offered')
    RETURNING id
)
INSERT INTO callback_event (callback_id, happened_at, event, agent_id)
SELECT id, :now, :event, :agentId FROM closed
