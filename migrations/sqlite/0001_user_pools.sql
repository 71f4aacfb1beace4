-- User pools, app clients, users, aliases, groups and memberships.
-- Kept in lockstep with migrations/postgres/0001_user_pools.sql.

create table user_pools (
    user_pool_id text primary key,
    name         text not null,
    settings     text not null,          -- JSON: everything DescribeUserPool returns that has no column
    created_at   integer not null,        -- epoch ms
    updated_at   integer not null
);

create table user_pool_clients (
    client_id     text primary key,
    user_pool_id  text not null references user_pools (user_pool_id) on delete cascade,
    client_name   text not null,
    secret_sealed text,                  -- AES-GCM under the master key; null = public client
    settings      text not null,         -- JSON of the client's settings
    created_at    integer not null,
    updated_at    integer not null
);
create index user_pool_clients_by_pool on user_pool_clients (user_pool_id, client_id);

create table users (
    user_pool_id  text not null references user_pools (user_pool_id) on delete cascade,
    username_key  text not null,         -- lower-cased in case-insensitive pools
    username      text not null,         -- as created
    sub           text not null,
    enabled       integer not null,
    status        text not null,         -- UNCONFIRMED, CONFIRMED, FORCE_CHANGE_PASSWORD, ...
    password_hash text,                  -- argon2id PHC string
    attributes    text not null,         -- JSON array of {"Name","Value"}, sub excluded
    created_at    integer not null,
    updated_at    integer not null,
    primary key (user_pool_id, username_key)
);
create unique index users_by_sub on users (user_pool_id, sub);

-- Sign-in aliases (email, phone_number, preferred_username): one user per value per pool.
create table user_aliases (
    user_pool_id text not null,
    alias_key    text not null,          -- "email:alice@example.com"
    username_key text not null,
    primary key (user_pool_id, alias_key),
    foreign key (user_pool_id, username_key) references users (user_pool_id, username_key) on delete cascade
);
create index user_aliases_by_user on user_aliases (user_pool_id, username_key);

create table groups (
    user_pool_id text not null references user_pools (user_pool_id) on delete cascade,
    group_name   text not null,
    description  text,
    role_arn     text,
    precedence   integer,
    created_at   integer not null,
    updated_at   integer not null,
    primary key (user_pool_id, group_name)
);

create table group_members (
    user_pool_id text not null,
    group_name   text not null,
    username_key text not null,
    created_at   integer not null,
    primary key (user_pool_id, group_name, username_key),
    foreign key (user_pool_id, group_name) references groups (user_pool_id, group_name) on delete cascade,
    foreign key (user_pool_id, username_key) references users (user_pool_id, username_key) on delete cascade
);
create index group_members_by_user on group_members (user_pool_id, username_key, group_name);

-- The outbox: every code, invitation and temporary password the service "sends". Tests and
-- local users read it through GET /_incognito/messages; SMTP delivery, when configured, reads it too.
create table messages (
    message_id     text primary key,
    user_pool_id   text not null,
    username       text not null,
    destination    text not null,        -- email address or phone number; empty if the user has none
    delivery_medium text not null,       -- EMAIL or SMS
    kind           text not null,        -- ADMIN_CREATE_USER, SIGN_UP, FORGOT_PASSWORD, ...
    code           text not null,        -- the code or temporary password
    message        text not null,        -- the rendered text
    created_at     integer not null
);
create index messages_by_user on messages (user_pool_id, username, created_at);
