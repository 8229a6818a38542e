-- Counts the e-mail's rows after :cutoff (in flight or not: counted before the check) and the address's
-- failures (a reservation older than :staleBefore included: its check never ended). When neither key is at
-- :limit and the address has a unit of budget no attempt in flight holds, records this attempt for both
-- keys: a failure of the e-mail (forgiven if it succeeds) and a reservation of the address. Also drops a
-- batch of aged-out rows, skipping any another attempt holds.
WITH purged AS (
    DELETE FROM sign_in_failure WHERE id IN (
        SELECT id FROM sign_in_failure WHERE failed_at <= :cutoff LIMIT 100 FOR UPDATE SKIP LOCKED)
), counted AS (
    SELECT key_hash, failed_at,
           key_hash = CAST(:addressKey AS bytea) AND in_flight AND failed_at > :staleBefore AS reserved
      FROM sign_in_failure
     WHERE key_hash IN (CAST(:accountKey AS bytea), CAST(:addressKey AS bytea)) AND failed_at > :cutoff
), capped AS (
    SELECT (SELECT failed_at FROM counted
             WHERE key_hash = k.key_hash AND NOT reserved
             ORDER BY failed_at DESC OFFSET :limit - 1 LIMIT 1) AS cap_reached_at
      FROM (VALUES (CAST(:accountKey AS bytea)), (CAST(:addressKey AS bytea))) AS k (key_hash)
), verdict AS (
    SELECT (SELECT max(cap_reached_at) FROM capped) AS cap_reached_at,
           (SELECT count(*) FROM counted WHERE key_hash = CAST(:addressKey AS bytea)) >= :limit AS budget_reserved
), inserted AS (
    INSERT INTO sign_in_failure (key_hash, failed_at, in_flight)
    SELECT k.key_hash, :now, k.in_flight
      FROM (VALUES (CAST(:accountKey AS bytea), false), (CAST(:addressKey AS bytea), true)) AS k (key_hash, in_flight),
           verdict
     WHERE verdict.cap_reached_at IS NULL AND NOT verdict.budget_reserved
    RETURNING id, key_hash
)
SELECT verdict.cap_reached_at, verdict.budget_reserved,
       (SELECT id FROM inserted WHERE key_hash = CAST(:addressKey AS bytea)) AS address_failure_id
  FROM verdict
