-- The gateway's revocation view polls for what was revoked since its last poll
-- (src/storage/gateway_sql.rs); these make both polls index range scans.
create index refresh_tokens_by_revoked_at on refresh_tokens (revoked_at);
create index users_by_tokens_valid_after on users (tokens_valid_after);
