//! TOTP (RFC 6238) as Cognito's software-token MFA uses it: SHA-1, 6 digits, 30-second
//! steps, secrets as unpadded base32. Verification accepts the current step and one either
//! side, and returns the step that matched so the caller can refuse a replay of it.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha1::Sha1;
use subtle::ConstantTimeEq;

/// Seconds per step.
pub const STEP: i64 = 30;
/// Steps accepted either side of now.
pub const WINDOW: i64 = 1;
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A fresh 20-byte secret, base32 (32 characters), as AssociateSoftwareToken returns it.
pub fn generate_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    base32_encode(&bytes)
}

pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            out.push(ALPHABET[((buffer >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').chars() {
        let c = c.to_ascii_uppercase();
        let v = ALPHABET.iter().position(|&a| a as char == c)? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            out.push((buffer >> (bits - 8)) as u8);
            bits -= 8;
        }
    }
    Some(out)
}

/// The 6-digit code of `secret` at time step `step`.
pub fn code_at(secret: &[u8], step: i64) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(&(step as u64).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[19] & 0x0f) as usize;
    let binary = (u32::from(digest[offset] & 0x7f) << 24)
        | (u32::from(digest[offset + 1]) << 16)
        | (u32::from(digest[offset + 2]) << 8)
        | u32::from(digest[offset + 3]);
    format!("{:06}", binary % 1_000_000)
}

/// Checks `code` against `secret_b32` at `now_secs`; returns the matching step, if any.
/// Steps at or before `last_used_step` are refused, so a code works once.
pub fn verify(secret_b32: &str, code: &str, now_secs: i64, last_used_step: Option<i64>) -> Option<i64> {
    let secret = base32_decode(secret_b32)?;
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now_step = now_secs.div_euclid(STEP);
    (now_step - WINDOW..=now_step + WINDOW)
        .filter(|step| last_used_step.is_none_or(|last| *step > last))
        .find(|step| bool::from(code_at(&secret, *step).as_bytes().ct_eq(code.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 rows (the 8-digit values truncated to the last 6 digits).
    #[test]
    fn rfc_6238_vectors() {
        let secret = b"12345678901234567890";
        for (time, expected) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            assert_eq!(code_at(secret, time / STEP), expected, "t={time}");
        }
    }

    #[test]
    fn base32_round_trips() {
        for len in 0..25 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(base32_decode(&base32_encode(&bytes)).unwrap(), bytes);
        }
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        assert_eq!(generate_secret().len(), 32);
    }

    #[test]
    fn codes_verify_within_one_step_and_only_once() {
        let secret = generate_secret();
        let raw = base32_decode(&secret).unwrap();
        let now = 1_800_000_015;
        let step = now / STEP;
        let current = code_at(&raw, step);
        assert_eq!(verify(&secret, &current, now, None), Some(step));
        assert_eq!(verify(&secret, &current, now, Some(step)), None, "replay refused");
        assert_eq!(verify(&secret, &code_at(&raw, step - 1), now, None), Some(step - 1));
        assert_eq!(verify(&secret, &code_at(&raw, step + 1), now, None), Some(step + 1));
        assert_eq!(verify(&secret, &code_at(&raw, step - 2), now, None), None, "too old");
        assert_eq!(verify(&secret, "12345", now, None), None);
        assert_eq!(verify(&secret, "abcdef", now, None), None);
    }
}
