-- Indexes for the retention purge (retention.PurgeKind): each on a column written once, when the row is
-- made, so a step that updates a call or a queue record still updates it in place (a HOT update, V5);
-- an index on updated_at or last_seen_at would rule that out on every webhook.
CREATE INDEX call_started ON call (started_at);
CREATE INDEX agent_call_started ON agent_call (started_at);
CREATE INDEX queue_member_entered ON queue_member (entered_at);
CREATE INDEX call_bridge_bridged ON call_bridge (bridged_at);
CREATE INDEX callback_request_requested ON callback_request (requested_at);
CREATE INDEX verification_attempt_time ON verification_attempt (attempted_at);
CREATE INDEX support_pin_expires ON support_pin (expires_at);
