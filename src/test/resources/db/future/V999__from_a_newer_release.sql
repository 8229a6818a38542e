-- Stands for a migration a newer release applied: this build does not ship it.
CREATE TABLE from_a_newer_release (id bigint PRIMARY KEY);
