-- A contact has at most one live Support PIN: a new one revokes the previous one. Two "Generate PIN"
-- requests of one contact at the same instant could each miss the other's uncommitted PIN and leave
-- both live; this index makes the second one wait for the first and then try again (issuing ignores a
-- conflict on either unique index and draws again, and its next try revokes the PIN that won).
UPDATE support_pin p SET revoked_at = p.created_at
 WHERE p.used_at IS NULL AND p.revoked_at IS NULL
   AND EXISTS (SELECT 1 FROM support_pin q
                WHERE q.contact_id = p.contact_id AND q.used_at IS NULL AND q.revoked_at IS NULL
                  AND (q.created_at, q.id) > (p.created_at, p.id));
DROP INDEX support_pin_live_contact;
CREATE UNIQUE INDEX support_pin_live_contact ON support_pin (contact_id)
    WHERE used_at IS NULL AND revoked_at IS NULL;
