-- A migration that takes longer than the 2 s statement timeout webhooks run under.
SELECT pg_sleep(2.5);
