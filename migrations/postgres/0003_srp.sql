-- USER_SRP_AUTH: each user's SRP password verifier (salt + v = g^x mod N), sealed under the
-- master key (purpose "srp-verifier") because v is a fast SHA-256 password hash. Set with the
-- password; null for users without a password. Kept in lockstep with the other dialect's 0003_srp.sql.
alter table users add column srp_verifier text;
