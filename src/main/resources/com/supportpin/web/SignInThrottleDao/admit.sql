-- Looks for a key with :limit failures after :cutoff and, when neither has, records this attempt as a
-- failure of both keys (it is forgiven if it succeeds). Also drops a batch of aged-out rows, skipping any
-- another attempt holds.
WITH purged AS (
    DELETE FROM sign_in_failure WHERE id IN (
        SELECT id FROM sign_in_failure WHERE failed_at <= :cutoff LIMIT 100 FOR UPDATE SKIP LOCKED)
), capped AS (
    SELECT (SELECT failed_at FROM sign_in_failure
             WHERE key_hash = k.key_hash AND failed_at > :cutoff
             ORDER BY failed_at DESC OFFSET :limit - 1 LIMIT 1) AS cap_reached_at
      FROM (VALUES (CAST(:accountKey AS bytea)), (CAST(:addressKey AS bytea))) AS k (key_hash)
), inserted AS (
    INSERT INTO sign_in_failure (key_hash, failed_at)
    SELECT k.key_hash, :now
      FROM (VALUES (CAST(:accountKey AS bytea)), (CAST(:addressKey AS bytea))) AS k (key_hash)
     WHERE NOT EXISTS (SELECT 1 FROM capped WHERE cap_reached_at IS NOT NULL)
    RETURNING id, key_hash
)
SELECT (SELECT max(cap_reached_at) FROM capped) AS cap_reached_at,
       (SELECT id FROM inserted WHERE key_hash = CAST(:addressKey AS bytea)) AS address_failure_id
