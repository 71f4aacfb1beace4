//! One file per family of operations; each fn is the AWS operation name in snake_case.

pub mod admin_users;
pub mod auth;
pub mod clients;
pub mod domains;
pub mod groups;
pub mod list_users;
pub mod mfa;
pub mod pools;
pub mod resource_servers;
pub mod revocation;
pub mod sign_up;
pub mod user;
