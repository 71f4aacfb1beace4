-- Sign-in, tokens and recovery: signing keys, refresh tokens, one-time codes, consumed
-- challenge sessions, and per-user counters. Kept in lockstep with migrations/sqlite/0002_auth.sql.

-- Per-pool RSA keys. The private key is sealed under the master key.
create table signing_keys (
    user_pool_id       text not null,
    kid                text not null,
    private_key_sealed text not null,    -- AES-GCM(PKCS#8 DER)
    public_jwk         text not null,    -- JSON of the JWK served in jwks.json
    created_at         bigint not null,
    retired_at         bigint,           -- set when a newer key becomes active; served until its tokens expire
    primary key (user_pool_id, kid)
);

-- Opaque refresh tokens, stored as SHA-256 of the token.
create table refresh_tokens (
    token_hash    text primary key,
    user_pool_id  text not null,
    client_id     text not null,
    username_key  text not null,
    origin_jti    text not null,         -- shared by every access/ID token minted from it
    auth_time     bigint not null,       -- epoch seconds of the original sign-in
    created_at    bigint not null,
    expires_at    bigint not null,       -- epoch ms
    revoked_at    bigint
);
create index refresh_tokens_by_user on refresh_tokens (user_pool_id, username_key);
create index refresh_tokens_by_origin on refresh_tokens (origin_jti);

-- One-time codes (sign-up confirmation, password reset, attribute verification), hashed.
create table user_codes (
    user_pool_id text not null,
    username_key text not null,
    purpose      text not null,          -- SIGN_UP, FORGOT_PASSWORD, VERIFY:email, VERIFY:phone_number
    code_hash    text not null,          -- SHA-256 hex of the code
    expires_at   bigint not null,
    created_at   bigint not null,
    primary key (user_pool_id, username_key, purpose)
);

-- Challenge sessions are sealed and carried by the client; this table makes each single-use.
create table consumed_sessions (
    session_id text primary key,
    expires_at bigint not null           -- rows past this can be deleted
);

-- Per-user sign-in state.
alter table users add column tokens_valid_after bigint not null default 0;   -- epoch seconds; tokens issued before are refused (GlobalSignOut)
alter table users add column failed_attempts bigint not null default 0;      -- consecutive wrong passwords
alter table users add column locked_until bigint not null default 0;         -- epoch ms
alter table users add column pending_attributes text;                        -- JSON: email/phone changes awaiting verification
