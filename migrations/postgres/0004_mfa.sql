-- MFA: the verified TOTP secret and one associated but not yet verified, each sealed under
-- the master key (purpose "totp-secret"); the last TOTP step accepted, so a code is used at
-- most once; and the user's MFA settings as JSON ({"enabled":[...],"preferred":...}).
-- Kept in lockstep with the other dialect's 0004_mfa.sql.
alter table users add column totp_secret_sealed text;
alter table users add column totp_pending_sealed text;
alter table users add column totp_last_step bigint;
alter table users add column mfa_settings text;
