-- Takes the sign-in this state belongs to, if this browser started it and it is recent: one use only,
-- so a second arrival of the same answer (a replayed code) finds nothing.
WITH taken AS (
    DELETE FROM oidc_login
     WHERE state_hash = :stateHash AND browser_hash = :browserHash AND created_at >= :staleBefore
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM taken)
