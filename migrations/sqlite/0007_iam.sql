-- The IAM subset behind STS: roles, their inline policies, and OpenID Connect providers.
-- Kept in lockstep with migrations/postgres/0007_iam.sql.

create table iam_roles (
    role_name_key        text primary key,   -- lowercased RoleName: names are unique regardless of case
    role_name            text not null,
    role_id              text not null unique,  -- AROA + 17 [A-Z0-9]
    path                 text not null,      -- "/" or "/a/b/"
    arn                  text not null,
    trust_policy         text not null,      -- AssumeRolePolicyDocument, JSON as given
    description          text,
    max_session_duration integer not null,    -- seconds
    tags                 text not null,      -- JSON: [{"Key","Value"}]
    created_at           integer not null,    -- epoch ms
    updated_at           integer not null
);

create table iam_role_policies (
    role_name_key text not null references iam_roles (role_name_key),
    policy_name   text not null,
    document      text not null,             -- JSON as given
    created_at    integer not null,
    updated_at    integer not null,
    primary key (role_name_key, policy_name)
);

create table iam_oidc_providers (
    arn         text primary key,            -- arn:aws:iam::<account>:oidc-provider/<url without scheme>
    url         text not null,               -- as given, scheme included
    client_ids  text not null,               -- JSON array
    thumbprints text not null,               -- JSON array
    created_at  integer not null
);
