-- The Queue url: the caller's queue record closed as bridged (the first reason stays) and, when Twilio
-- named the agent call, which agent call (and signed-in agent) got the caller; a retried request keeps
-- the first record. Returns the agent the bridge names, nothing when none is known.
WITH left_queue AS (
    UPDATE queue_member SET left_at = :now, left_result = :result
     WHERE call_sid = :callSid AND left_at IS NULL
), bridged AS (
    INSERT INTO call_bridge (caller_call_sid, agent_call_sid, agent_id, bridged_at)
    SELECT :callSid, CAST(:agentCallSid AS text),
           (SELECT agent_id FROM agent_call WHERE call_sid = :agentCallSid AND signed_in_at IS NOT NULL),
           :now
     WHERE :agentCallSid IS NOT NULL
    ON CONFLICT (caller_call_sid) DO UPDATE SET
        agent_call_sid = EXCLUDED.agent_call_sid, agent_id = EXCLUDED.agent_id,
        bridged_at = EXCLUDED.bridged_at, ended_at = NULL
     WHERE call_bridge.agent_call_sid <> EXCLUDED.agent_call_sid
    RETURNING agent_id
)
SELECT COALESCE((SELECT agent_id FROM bridged),
                (SELECT agent_id FROM call_bridge WHERE caller_call_sid = :callSid))
