//! Cryptography the domains share: SigV4 verification, sealing under the master key, and
//! random identifiers and secrets. Password hashing lives with user pools (`password.rs`).

pub mod ids;
pub mod seal;
pub mod sigv4;
pub mod srp;
pub mod totp;
