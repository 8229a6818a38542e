-- Checks and consumes a PIN (pin-consume.sql) and, when it consumed one, resets the account's failed
-- attempts and writes the attempt's audit row (as AuditDao.record writes it), all in one round trip: the
-- verified path of the PIN step and of an agent's "Verify a PIN". :agentId is null on the phone line.
WITH consumed AS (
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
    RETURNING p.account_id, p.contact_id
), cleared AS (
    UPDATE pin_guard SET failed_attempts = 0
     WHERE account_number = :accountNumber AND failed_attempts <> 0
       AND EXISTS (SELECT 1 FROM consumed)
), audited AS (
    INSERT INTO verification_attempt
           (call_sid, caller, account_entered, outcome, channel, attempted_at, agent_id)
    SELECT :callSid, :caller, :accountNumber, :outcome, :channel, :now, CAST(:agentId AS bigint) FROM consumed
)
SELECT account_id, contact_id FROM consumed
