-- Deleted users, so every view of revocations held in memory (the gateway's) refuses the
-- tokens of a user who is gone, or was re-created under the same name with another sub.
-- Kept a day past the deletion: no token outlives that.
create table deleted_users (
    user_pool_id text not null,
    sub text not null,
    -- epoch ms
    deleted_at bigint not null,
    primary key (user_pool_id, sub)
);
create index deleted_users_by_deleted_at on deleted_users (deleted_at);

-- The outbox keeps a message's code (or temporary password) sealed under the master key;
-- `message` then holds the text with {####} where the code goes, and `code` is empty.
alter table messages add column code_sealed text;
