//! Integration tests: the real server on an ephemeral port, driven by the AWS SDK for Rust.
//! Set TEST_DATABASE_URL=postgres://… to run them against PostgreSQL instead of SQLite.

mod clients;
mod concurrency;
mod groups;
mod helpers;
mod pools;
mod protocol;
mod seed;
mod users;
