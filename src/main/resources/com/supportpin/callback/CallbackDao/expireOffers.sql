-- Withdraws offers nobody answered in time, so another agent can have them.
WITH released AS (
    UPDATE callback_request SET state = 'waiting', claimed_by_call_sid = NULL, claim_expires_at = NULL
     WHERE state = 'offered' AND claim_expires_at <= :now
    RETURNING id
)
INSERT INTO callback_event (callback_id, happened_at, event)
SELECT id, :now, 'offer-expired' FROM released
