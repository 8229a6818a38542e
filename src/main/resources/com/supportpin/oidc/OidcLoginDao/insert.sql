-- Records a sign-in on its way to the account center, dropping the ones that never came back in time.
WITH stale AS (
    DELETE FROM oidc_login WHERE created_at < :staleBefore
)
INSERT INTO oidc_login (state_hash, browser_hash, created_at) VALUES (:stateHash, :browserHash, :now)
