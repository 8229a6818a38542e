-- The guess caps forget failures a day old (GuessCaps.FAILURES_FORGOTTEN_AFTER): the counting statements
-- start such a row from zero and the purge removes it, so numbers keyed once at random leave no row
-- behind forever. Rows counted before this migration are dated now, so they are forgotten a day from now.
ALTER TABLE pin_guard ADD COLUMN last_failed_at timestamptz;
ALTER TABLE agent_guard ADD COLUMN last_failed_at timestamptz;
UPDATE pin_guard SET last_failed_at = now() WHERE failed_attempts > 0;
UPDATE agent_guard SET last_failed_at = now() WHERE failed_attempts > 0;
