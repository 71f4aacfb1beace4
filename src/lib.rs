//! incognito: a self-hosted service that does what AWS Cognito does.
//!
//! The binary (`src/main.rs`) only parses the command line and calls into this library, so
//! integration tests can start the very same server on an ephemeral port.
#![forbid(unsafe_code)]

/// The one short-lived cache type the domains share.
#[cfg(feature = "server")]
pub mod cache;
/// Time as a dependency, so expiry can be tested without sleeping.
#[cfg(feature = "server")]
pub mod clock;
/// Layered configuration: defaults, config/default.toml, --config, env.
#[cfg(feature = "server")]
pub mod config;
/// The test-control API (`/_incognito/*`): the outbox of codes and invitations.
#[cfg(feature = "server")]
pub mod control;
/// STS and the IAM subset: roles, policies, temporary credentials in sealed session tokens.
#[cfg(feature = "server")]
pub mod credentials;
/// SigV4 verification, sealing under the master key, random ids and secrets.
#[cfg(feature = "server")]
pub mod crypto;
/// The error contracts: `AwsError` (AWS code, HTTP status, AWS message) and `StorageError`.
#[cfg(feature = "server")]
pub mod error;
/// Login providers of identity pools: user pools, Google, Apple, Facebook, Amazon, OIDC.
#[cfg(feature = "server")]
pub mod federation;
/// The gateway: reverse proxy and forward-auth with cognito (JWT) and iam (SigV4) authorizers.
#[cfg(feature = "server")]
pub mod gateway;
/// Identity pools: the cognito-identity API, identities, logins, OpenID tokens, role choice.
#[cfg(feature = "server")]
pub mod identity_pools;
/// Per-pool RSA signing keys, sealed at rest, cached parsed; JWKS.
#[cfg(feature = "server")]
pub mod keys;
/// Running trigger functions: plain HTTP hooks or the AWS Lambda Invoke API.
#[cfg(feature = "server")]
pub mod lambda;
/// Optional SMTP delivery of outbox email.
#[cfg(feature = "server")]
pub mod mail;
/// Public documents for token verifiers: JWKS and OIDC discovery per pool.
#[cfg(feature = "server")]
pub mod oauth;
/// AWS wire protocols (JSON 1.1) and operator authentication.
#[cfg(feature = "server")]
pub mod protocol;
/// Applying a seed file of pools, clients, groups and users with pinned ids.
#[cfg(feature = "server")]
pub mod seed;
/// The router of the main listener, `serve` (both listeners), background purges.
#[cfg(feature = "server")]
pub mod server;
/// AppState: every domain's context, built at start.
#[cfg(feature = "server")]
pub mod state;
/// The database: connection, migrations, and the SQL behind every domain's store trait.
#[cfg(feature = "server")]
pub mod storage;
/// User pools: pools, app clients, users, groups.
#[cfg(feature = "server")]
pub mod user_pools;
/// Input constraints from the botocore models, with AWS's validation messages.
#[cfg(feature = "server")]
pub mod validation;
/// A tower layer that verifies user-pool tokens offline from the JWKS (feature `verify`).
#[cfg(feature = "verify")]
pub mod verify;
/// Wire conventions the AWS APIs share: timestamps, pagination tokens, `{}`.
#[cfg(feature = "server")]
pub mod wire;
