-- Whether a PIN was refused because its contact is disabled (rather than a collision).
SELECT EXISTS (SELECT 1 FROM contact WHERE id = :contactId AND disabled_at IS NOT NULL)
