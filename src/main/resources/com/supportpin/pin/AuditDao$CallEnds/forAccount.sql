-- The calls that made verification attempts on an account since :since, each with how it ended: who
-- verified it or why it went unverified, its queue and how it left it, Twilio's last status, and when it
-- consumed a Support PIN (a call consumes one at most). An operator's look-up: support_pin has no index
-- on used_by_call_sid, and one scan of it is fine here.
SELECT c.call_sid, c.verified_by, c.unverified_reason, c.queue, c.queue_result, c.queue_time_s, c.final_status,
       p.used_at AS pin_used_at
  FROM call c
  LEFT JOIN support_pin p ON p.used_by_call_sid = c.call_sid
 WHERE c.call_sid IN (SELECT call_sid FROM verification_attempt
                       WHERE account_entered = :accountNumber AND attempted_at >= :since)
 ORDER BY c.started_at, c.call_sid
