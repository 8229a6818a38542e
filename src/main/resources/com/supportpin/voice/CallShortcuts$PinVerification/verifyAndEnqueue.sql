-- The PIN step's common case in one statement: locks the call row, checks and consumes the PIN
-- (pin-consume.sql, unchanged, so a locked account matches nothing), resets the account's failed attempts,
-- audits the attempt, saves the call as verified with the step's answer and records it as waiting in
-- :queue. Returns nothing, having changed nothing, when any of it does not apply (another account, a
-- routed call, a retry, a wrong or spent PIN, a locked account); the step then runs its full path.
-- Values used many times (the time above all, which the driver sends as text) are bound once, in input.
WITH input AS (
    SELECT CAST(:now AS timestamptz) AS now, CAST(:callSid AS text) AS call_sid,
           CAST(:accountNumber AS text) AS account_number, CAST(:step AS text) AS step,
           CAST(:inputHash AS bytea) AS input_hash, CAST(:channel AS text) AS channel
), locked AS (
    SELECT call.call_sid, call.caller FROM call, input
     WHERE call.call_sid = input.call_sid AND call.account_entered = input.account_number
       AND call.queue IS NULL
       AND (call.last_step IS DISTINCT FROM input.step OR call.last_response IS NULL
            OR call.last_input_hash IS DISTINCT FROM input.input_hash)
       FOR NO KEY UPDATE OF call
), consumed AS (
    UPDATE support_pin p
       SET used_at = :now, used_by_call_sid = :callSid
      FROM account a
     WHERE a.account_number = :accountNumber
       AND p.account_id = a.id
       AND p.pin_hash = :pinHash
       AND p.used_at IS NULL
       AND p.revoked_at IS NULL
       AND p.expires_at > :now
       AND NOT EXISTS (SELECT 1 FROM pin_guard g
                        WHERE g.account_number = :accountNumber AND g.locked_until > :now)
       AND EXISTS (SELECT 1 FROM locked)
    RETURNING p.account_id, p.contact_id
), cleared AS (
    UPDATE pin_guard SET failed_attempts = 0
     WHERE account_number = :accountNumber AND failed_attempts <> 0
       AND EXISTS (SELECT 1 FROM consumed)
), audited AS (
    INSERT INTO verification_attempt (call_sid, caller, account_entered, outcome, channel, attempted_at)
    SELECT locked.call_sid, locked.caller, input.account_number, :outcome, input.channel, input.now
      FROM consumed, locked, input
), saved AS (
    UPDATE call SET account_id = consumed.account_id, contact_id = consumed.contact_id,
           verified_at = input.now, verified_by = input.channel, queue = :queue,
           unverified_reason = NULL, last_step = input.step, last_input_hash = input.input_hash,
           last_response = :response, updated_at = input.now
      FROM consumed, input
     WHERE call.call_sid = input.call_sid
    RETURNING call.call_sid, call.queue, input.now
), enqueued AS (
    INSERT INTO queue_member (call_sid, queue, entered_at, last_seen_at)
    SELECT call_sid, queue, now, now FROM saved
    ON CONFLICT (call_sid) DO UPDATE SET
        queue = EXCLUDED.queue,
        entered_at = CASE WHEN queue_member.left_at IS NULL THEN queue_member.entered_at
                          ELSE EXCLUDED.entered_at END,
        last_seen_at = EXCLUDED.last_seen_at, left_at = NULL, left_result = NULL
)
SELECT account_id, contact_id FROM consumed
