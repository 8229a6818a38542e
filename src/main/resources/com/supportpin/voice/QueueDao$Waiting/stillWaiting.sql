-- A waitUrl request: the caller still waits (again, if a Dial that bridged nobody closed them as gone).
INSERT INTO queue_member (call_sid, queue, entered_at, last_seen_at)
SELECT :callSid, COALESCE((SELECT queue FROM call WHERE call_sid = :callSid), :fallbackQueue), :enteredAt, :now
  -- SET LOCAL synchronous_commit = off, without a round trip of its own: this commit does not wait for the
  -- disk. A refresh lost in a crash is redone by the next waitUrl request, a hold clip later (README, "Durability").
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit
ON CONFLICT (call_sid) DO UPDATE SET
    last_seen_at = EXCLUDED.last_seen_at, left_at = NULL, left_result = NULL
 WHERE queue_member.left_at IS NULL OR queue_member.left_result = 'gone'
