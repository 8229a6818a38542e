-- The caller was answered with an Enqueue: waiting from now (again, if they had left).
INSERT INTO queue_member (call_sid, queue, entered_at, last_seen_at)
VALUES (:callSid, :queue, :now, :now)
ON CONFLICT (call_sid) DO UPDATE SET
    queue = EXCLUDED.queue,
    entered_at = CASE WHEN queue_member.left_at IS NULL THEN queue_member.entered_at
                      ELSE EXCLUDED.entered_at END,
    last_seen_at = EXCLUDED.last_seen_at, left_at = NULL, left_result = NULL
