-- Counts a call in the key's current minute and returns the count so far, in one statement; drops the
-- key's counters older than :pruneBefore on the way.
WITH pruned AS (
    DELETE FROM api_rate WHERE key_id = :keyId AND window_start < :pruneBefore
)
INSERT INTO api_rate (key_id, window_start, calls) VALUES (:keyId, :windowStart, 1)
ON CONFLICT (key_id, window_start) DO UPDATE SET calls = api_rate.calls + 1
RETURNING calls
