-- The Enqueue action: the call's queue result and time, the caller's queue record closed (the first
-- reason stays), the caller's bridge closed unless it is only starting (:bridgeOver); true when the
-- caller had asked for a callback.
WITH exited AS (
    UPDATE call SET queue_result = :result, queue_time_s = :queueTime, updated_at = :now
     WHERE call_sid = :callSid
), left_queue AS (
    UPDATE queue_member SET left_at = :now, left_result = :result
     WHERE call_sid = :callSid AND left_at IS NULL
), ended AS (
    UPDATE call_bridge SET ended_at = :now
     WHERE (caller_call_sid = :callSid OR agent_call_sid = :callSid) AND ended_at IS NULL AND :bridgeOver
)
SELECT EXISTS (SELECT 1 FROM callback_request WHERE call_sid = :callSid)
