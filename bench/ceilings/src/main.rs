//! How fast this machine does the two expensive steps of a sign-in, with nothing else
//! running: argon2id verification (OWASP and fast presets, as incognito configures them)
//! and RS256 signing with a 2048-bit key (two per sign-in or refresh: ID + access token).

use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use base64::Engine;

const WINDOW: Duration = Duration::from_secs(5);

/// Runs `work` on every core for WINDOW and returns operations per second.
fn per_second(work: impl Fn() + Sync) -> f64 {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let start = Instant::now();
    let total: u64 = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut n = 0u64;
                    while start.elapsed() < WINDOW {
                        work();
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("thread")).sum()
    });
    total as f64 / start.elapsed().as_secs_f64()
}

fn argon2(m_kib: u32, t: u32) -> f64 {
    let params = Params::new(m_kib, t, 1, None).expect("parameters");
    let hasher = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let salt = SaltString::encode_b64(b"benchmark-salt16").expect("salt");
    let hash = hasher.hash_password(b"Bench-Pass-123", &salt).expect("hash").to_string();
    let parsed = PasswordHash::new(&hash).expect("parse");
    per_second(|| Argon2::default().verify_password(b"Bench-Pass-123", &parsed).expect("verifies"))
}

/// RS256 the way incognito signs: a parsed aws-lc-rs key pair, PKCS#1 v1.5 with SHA-256
/// over a typical header.payload.
fn rs256() -> f64 {
    let pair = KeyPair::generate(KeySize::Rsa2048).expect("keygen");
    let der = pair.as_der().expect("der");
    let signer = KeyPair::from_pkcs8(der.as_ref()).expect("parse");
    let message = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([7u8; 700]);
    per_second(|| {
        let mut signature = vec![0u8; signer.public_modulus_len()];
        signer
            .sign(&aws_lc_rs::signature::RSA_PKCS1_SHA256, &aws_lc_rs::rand::SystemRandom::new(), message.as_bytes(), &mut signature)
            .expect("sign");
    })
}

fn main() {
    println!("argon2id verify (owasp 19 MiB t=2)   rps={:.0}", argon2(19 * 1024, 2));
    println!("argon2id verify (fast 64 KiB t=1)    rps={:.0}", argon2(64, 1));
    println!("RS256 sign (RSA-2048)                rps={:.0}", rs256());
}
