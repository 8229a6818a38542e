-- Baseline 2: the app's PIN check-and-consume (pin-consume.sql) alone, returning what it consumed.
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
