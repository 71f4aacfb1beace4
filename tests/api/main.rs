//! Integration tests: the real server on an ephemeral port, driven by the AWS SDK for Rust.
//! Set TEST_DATABASE_URL=postgres://… to run them against PostgreSQL instead of SQLite.

mod auth;
mod clients;
mod concurrency;
mod fakes;
mod federation;
mod gateway;
mod gateway_iam;
mod groups;
mod helpers;
mod iam;
mod identities;
mod identity_credentials;
mod identity_pools;
mod mfa;
mod oauth;
mod oauth_ops;
mod pools;
mod protocol;
mod rotation;
mod security;
mod seed;
mod self_service;
mod smtp;
mod srp;
mod sts;
mod triggers;
mod users;
