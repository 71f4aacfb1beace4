//! incognito: a self-hosted service that does what AWS Cognito does.
//!
//! The binary (`src/main.rs`) only parses the command line and calls into this library, so
//! integration tests can start the very same server on an ephemeral port.
#![forbid(unsafe_code)]

/// AppState, the axum router, serve(listener, shutdown).
pub mod app;
/// Time as a dependency, so expiry can be tested without sleeping.
pub mod clock;
/// Layered configuration: defaults, config/default.toml, --config, env.
pub mod config;
/// The test-control API (`/_incognito/*`): the outbox of codes and invitations.
pub mod control;
/// SigV4 verification, sealing under the master key, random ids and secrets.
pub mod crypto;
/// The error contract every domain error fulfils: AWS code, HTTP status, AWS message.
pub mod error;
/// Identity pools: federation settings, roles and tags (management operations so far).
pub mod identity_pools;
/// Per-pool RSA signing keys, sealed at rest, cached parsed; JWKS.
pub mod keys;
/// Optional SMTP delivery of outbox email.
pub mod mail;
/// Public documents for token verifiers: JWKS and OIDC discovery per pool.
pub mod oauth;
/// AWS wire protocols (JSON 1.1) and operator authentication.
pub mod protocol;
/// Applying a seed file of pools, clients, groups and users with pinned ids.
pub mod seed;
/// The database: connection, migrations, and the SQL behind every domain store trait.
pub mod storage;
/// User pools: pools, app clients, users, groups.
pub mod user_pools;
/// Input constraints from the botocore models, with AWS's validation messages.
pub mod validation;
