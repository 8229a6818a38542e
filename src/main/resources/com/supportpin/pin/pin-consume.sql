-- The PIN check-and-consume, the one source of truth: every statement that consumes a PIN contains this
-- block unchanged (store/SqlStatementsTest checks it), so none can be weaker. One UPDATE: the row lock
-- makes a second, concurrent use of the same PIN see it consumed, and a locked account matches nothing.
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
