-- Attempts whose result never came (the agent's Dial action was lost): the attempt ends with the result
-- the customer's leg recorded, else no-result, and the callback waits for its next try or, after the last
-- one, closes unreached.
WITH expired AS (
    UPDATE callback_request cb SET
           state = CASE WHEN cb.attempts >= :maxAttempts THEN 'unreached' ELSE 'waiting' END,
           closed_at = CASE WHEN cb.attempts >= :maxAttempts THEN CAST(:now AS timestamptz) END,
           last_result = COALESCE((SELECT a.result FROM callback_attempt a WHERE a.callback_id = cb.id
                                    ORDER BY a.id DESC LIMIT 1), 'no-result'),
           claimed_by_call_sid = NULL, claim_expires_at = NULL
     WHERE cb.state = 'calling' AND cb.claim_expires_at <= :now
    RETURNING cb.id, cb.state, cb.last_result
), ended AS (
    UPDATE callback_attempt a SET ended_at = :now, result = COALESCE(a.result, 'no-result')
      FROM expired WHERE a.callback_id = expired.id AND a.ended_at IS NULL
), logged AS (
    INSERT INTO callback_event (callback_id, happened_at, event, detail)
    SELECT id, :now, CASE WHEN state = 'unreached' THEN 'closed-unreached' ELSE 'attempt-expired' END,
           last_result
      FROM expired
)
SELECT id, state, last_result FROM expired
