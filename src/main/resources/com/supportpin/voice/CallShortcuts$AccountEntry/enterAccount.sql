-- The account step's common case in one statement: a well-formed account number stored on the call with
-- the step's answer (the PIN prompt). Changes nothing when the call is routed already or this is a retry
-- of the step's last answer; the step then runs its full path.
UPDATE call SET account_entered = :accountNumber, last_step = :step, last_input_hash = :inputHash,
       last_response = :response, updated_at = :now
 WHERE call_sid = :callSid AND queue IS NULL
   AND (last_step IS DISTINCT FROM :step OR last_response IS NULL OR last_input_hash IS DISTINCT FROM :inputHash)
