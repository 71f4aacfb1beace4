//! The ceiling for password sign-ins: how many argon2id (OWASP parameters) verifications
//! per second this machine does with one thread per core and nothing else running.
//! Run with `cargo bench --bench argon2`; `bench/auth.sh` prints it next to the sign-in figure.

use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

fn main() {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP parameters");
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let salt = SaltString::encode_b64(b"benchmark-salt16").expect("salt");
    let hash = argon.hash_password(b"Bench-Pass-123", &salt).expect("hash").to_string();
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let window = Duration::from_secs(5);
    let start = Instant::now();
    let total: u64 = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let hash = hash.clone();
                scope.spawn(move || {
                    let parsed = PasswordHash::new(&hash).expect("parse");
                    let mut n = 0u64;
                    while start.elapsed() < window {
                        Argon2::default().verify_password(b"Bench-Pass-123", &parsed).expect("verifies");
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("thread")).sum()
    });
    let rps = total as f64 / start.elapsed().as_secs_f64();
    println!("requests={total} threads={threads} rps={rps:.0}");
}
