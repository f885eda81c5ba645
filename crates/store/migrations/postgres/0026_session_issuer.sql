-- Identity (issue 15): the provider a session was opened through (its issuer, which stays the
-- same when the configuration renumbers providers), so that signing out here can send the
-- browser on to sign out at the provider too (OpenID Connect RP-Initiated Logout 1.0). NULL
-- for sessions opened with a password. Both engines alike.
ALTER TABLE sessions ADD COLUMN issuer TEXT;
