-- Twilio's QueueSid and QueuePosition were written at every waitUrl request and never read: the app keeps
-- its own queue records (call_sid, queue, entered_at, last_seen_at) and says the position from the request.
ALTER TABLE queue_member DROP COLUMN queue_sid, DROP COLUMN position;
