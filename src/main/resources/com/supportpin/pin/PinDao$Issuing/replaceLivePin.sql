-- Issues a PIN: revokes the contact's live PIN, retires the account's expired ones and inserts the new
-- one, unless its hash collides with another live PIN of the account or another request of the same
-- contact inserted a live PIN meanwhile (then it returns nothing and the caller tries again: the next
-- try revokes that PIN). The insert reads the two updates' counts so that it runs after them: the
-- contact's previous PIN, once revoked, leaves both live-PIN indexes. Nothing is inserted for a disabled
-- contact: the share lock on its row makes a concurrent disable (which locks the row to update it) either
-- wait for this PIN and then revoke it, or go first and leave nothing to insert.
WITH enabled AS (
    SELECT id FROM contact WHERE id = :contactId AND disabled_at IS NULL FOR SHARE
), revoked AS (
    UPDATE support_pin SET revoked_at = :now
     WHERE contact_id = :contactId AND used_at IS NULL AND revoked_at IS NULL
    RETURNING id
), retired AS (
    UPDATE support_pin SET revoked_at = expires_at
     WHERE account_id = :accountId AND contact_id <> :contactId
       AND used_at IS NULL AND revoked_at IS NULL AND expires_at <= :now
    RETURNING id
)
INSERT INTO support_pin (account_id, contact_id, pin_hash, created_at, expires_at)
SELECT :accountId, :contactId, :pinHash, :now, :expiresAt
 WHERE (SELECT count(*) FROM revoked) + (SELECT count(*) FROM retired) >= 0
   AND EXISTS (SELECT 1 FROM enabled)
ON CONFLICT DO NOTHING
RETURNING id
