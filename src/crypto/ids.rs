//! Random identifiers in AWS's shapes, drawn from the OS CSPRNG.

use rand::Rng;
use rand::distr::Alphanumeric;

const LOWER_ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

fn from_alphabet(alphabet: &[u8], len: usize) -> String {
    let mut rng = rand::rng();
    (0..len).map(|_| alphabet[rng.random_range(0..alphabet.len())] as char).collect()
}

/// `us-east-1_AbC123xyZ`: region, underscore, 9 alphanumerics.
pub fn user_pool_id(region: &str) -> String {
    let suffix: String = rand::rng().sample_iter(&Alphanumeric).take(9).map(char::from).collect();
    format!("{region}_{suffix}")
}

/// An app client id: 26 characters of `[a-z0-9]`.
pub fn client_id() -> String {
    from_alphabet(LOWER_ALNUM, 26)
}

/// An app client secret: 51 characters of `[a-z0-9]`, like Cognito's.
pub fn client_secret() -> String {
    from_alphabet(LOWER_ALNUM, 51)
}

/// `us-east-1:<uuid v4>`: an identity pool id (and, later, an identity id).
pub fn identity_pool_id(region: &str) -> String {
    format!("{region}:{}", uuid::Uuid::new_v4())
}

/// A random UUID v4, as used for `sub`.
pub fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_aws_shapes() {
        let pool = user_pool_id("us-east-1");
        let (region, suffix) = pool.split_once('_').unwrap();
        assert_eq!(region, "us-east-1");
        assert_eq!(suffix.len(), 9);
        assert!(suffix.bytes().all(|b| b.is_ascii_alphanumeric()));
        let client = client_id();
        assert_eq!(client.len(), 26);
        assert!(client.bytes().all(|b| LOWER_ALNUM.contains(&b)));
        assert_ne!(client_id(), client_id());
    }
}
