-- User pool domains: the prefix (`myapp` → myapp.auth.<region>.<suffix>) and the custom
-- domain (an FQDN) a pool may hold, one of each. The domain is unique across pools.
create table user_pool_domains (
    domain        text primary key,
    user_pool_id  text not null,
    custom        bigint not null,        -- 1 for a custom domain, 0 for a prefix
    settings      text not null,        -- JSON: ManagedLoginVersion, CustomDomainConfig, Routing
    created_at    bigint not null,
    updated_at    bigint not null
);
create unique index user_pool_domains_one_of_each on user_pool_domains (user_pool_id, custom);

-- Resource servers and their custom scopes (`<identifier>/<scope>`).
create table resource_servers (
    user_pool_id  text not null,
    identifier    text not null,
    name          text not null,
    scopes        text not null,        -- JSON array of {ScopeName, ScopeDescription}
    created_at    bigint not null,
    updated_at    bigint not null,
    primary key (user_pool_id, identifier)
);

-- Authorization codes of /oauth2/authorize, stored hashed, single use, five minutes.
create table authorization_codes (
    code_hash     text primary key,
    user_pool_id  text not null,
    client_id     text not null,
    username_key  text not null,
    grant_data    text not null,        -- JSON: redirect_uri, scopes, nonce, PKCE challenge, auth_time
    expires_at    bigint not null         -- epoch ms
);
create index authorization_codes_by_expiry on authorization_codes (expires_at);

-- The OAuth scopes a refresh token was granted (space-separated); null for JSON-API
-- sign-ins, whose tokens carry aws.cognito.signin.user.admin.
alter table refresh_tokens add column scopes text;
