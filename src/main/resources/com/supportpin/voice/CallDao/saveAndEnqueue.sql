-- save, for a step whose answer is an Enqueue, recording in the same statement that the caller now waits
-- in the call's queue (as QueueDao.enqueued does): one round trip, not two.
WITH saved AS (
    UPDATE call SET account_entered = :accountEntered, pin_failures = :pinFailures, reprompts = :reprompts,
           account_id = :accountId, contact_id = :contactId, verified_at = :verifiedAt,
           verified_by = :verifiedBy, queue = :queue, unverified_reason = :unverifiedReason,
           last_step = :lastStep, last_input_hash = :lastInputHash, last_response = :lastResponse
     WHERE call_sid = :callSid
    RETURNING call_sid, queue
)
INSERT INTO queue_member (call_sid, queue, entered_at, last_seen_at)
SELECT call_sid, queue, :now, :now FROM saved
ON CONFLICT (call_sid) DO UPDATE SET
    queue = EXCLUDED.queue,
    entered_at = CASE WHEN queue_member.left_at IS NULL THEN queue_member.entered_at
                      ELSE EXCLUDED.entered_at END,
    last_seen_at = EXCLUDED.last_seen_at, left_at = NULL, left_result = NULL
