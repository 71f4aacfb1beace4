-- Identity pools (cognito-identity): federation settings, roles and tags.
-- Kept in lockstep with migrations/sqlite/0005_identity_pools.sql.

create table identity_pools (
    identity_pool_id text primary key,       -- <region>:<uuid v4>
    name             text not null,          -- not unique: AWS allows repeated names
    settings         text not null,          -- JSON: the IdentityPool shape minus id and name, tags included
    roles            text not null,          -- JSON: {"Roles": {...}, "RoleMappings": {...}} as SetIdentityPoolRoles gave
    created_at       bigint not null,        -- epoch ms
    updated_at       bigint not null
);
