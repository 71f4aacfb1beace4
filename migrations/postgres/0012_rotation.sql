-- Refresh-token rotation: when a token was rotated out (null: still the family's current
-- token) and its successor, sealed under the master key, so a retry within the client's
-- grace period gets the same successor back.
alter table refresh_tokens add column rotated_at bigint;
alter table refresh_tokens add column successor_sealed text;
