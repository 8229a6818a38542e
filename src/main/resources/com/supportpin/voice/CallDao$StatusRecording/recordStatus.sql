-- The status callback: the call's status and, when it is final, the caller's queue record closed (the
-- first reason stays) and any bridge of the call closed. Creates the call row if no step saw the call.
WITH left_queue AS (
    UPDATE queue_member SET left_at = :now, left_result = :result
     WHERE call_sid = :callSid AND left_at IS NULL AND :isFinal
), ended AS (
    UPDATE call_bridge SET ended_at = :now
     WHERE (caller_call_sid = :callSid OR agent_call_sid = :callSid) AND ended_at IS NULL AND :isFinal
)
INSERT INTO call (call_sid, caller, started_at, updated_at, final_status)
SELECT :callSid, :caller, :now, :now, :status
  -- SET LOCAL synchronous_commit = off, without a round trip of its own: this commit does not wait for the
  -- disk. Twilio does not retry a status callback either; these records tolerate a lost one (README, "Durability").
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit
ON CONFLICT (call_sid) DO UPDATE SET final_status = EXCLUDED.final_status,
    updated_at = EXCLUDED.updated_at
