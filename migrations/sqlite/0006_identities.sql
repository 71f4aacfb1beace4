-- Identities of identity pools and the logins linked to them. Kept in lockstep with
-- migrations/postgres/0006_identities.sql.

-- One identity: what GetId hands out. Unauthenticated identities have no logins.
create table identities (
    identity_id      text primary key,       -- <region>:<uuid v4>
    identity_pool_id text not null,
    created_at       integer not null,        -- epoch ms
    updated_at       integer not null         -- last login linked or removed
);
create index identities_by_pool on identities (identity_pool_id, identity_id);

-- A verified login (provider + subject) linked to an identity. The primary key makes "one
-- identity per (pool, provider, subject)" a database guarantee: concurrent GetId calls for
-- one new login race on this key and the loser reads the winner's identity.
create table identity_logins (
    identity_pool_id text not null,
    provider         text not null,           -- canonical provider name, or the developer provider name
    subject          text not null,           -- the provider's user id (sub, Facebook id, developer user identifier)
    identity_id      text not null,
    created_at       integer not null,
    primary key (identity_pool_id, provider, subject)
);
create index identity_logins_by_identity on identity_logins (identity_id);

-- SetPrincipalTagAttributeMap: per pool and provider, which token claims become session tags.
create table principal_tag_maps (
    identity_pool_id text not null,
    provider         text not null,
    use_defaults     integer not null,        -- 0 / 1
    tags             text not null,           -- JSON object: tag key -> claim name
    updated_at       integer not null,
    primary key (identity_pool_id, provider)
);
