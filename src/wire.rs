//! Wire conventions every AWS API here shares, used by the domains to build their botocore
//! shapes: epoch-second timestamps, opaque pagination tokens, and the empty output shape.
//! Parsing request bodies and writing responses belongs to `protocol`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;

use crate::validation::Invalid;

/// AWS timestamps on the wire: epoch seconds as a number.
pub fn epoch_seconds(millis: i64) -> f64 {
    millis as f64 / 1000.0
}

/// An opaque token for "continue after this key".
pub fn page_token(last_key: &str) -> String {
    URL_SAFE_NO_PAD.encode(last_key)
}

/// The key a [`page_token`] continues after; a token this service did not make is refused.
pub fn parse_page_token(token: Option<&str>) -> Result<Option<String>, Invalid> {
    let Some(token) = token else { return Ok(None) };
    URL_SAFE_NO_PAD
        .decode(token)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .map(Some)
        .ok_or_else(|| Invalid("Invalid pagination token.".into()))
}

/// Given `limit + 1` rows, trims to `limit` and returns the token for the next page.
pub fn next_page<T>(rows: &mut Vec<T>, limit: i64, key: impl Fn(&T) -> &String) -> Option<String> {
    let limit = limit.max(0) as usize;
    if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|r| page_token(key(r)))
    } else {
        None
    }
}

/// An empty response body (`{}`), for operations whose output shape has no members.
#[derive(Debug, Serialize)]
pub struct Empty {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_tokens_round_trip_and_foreign_ones_are_refused() {
        let mut rows = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        let token = next_page(&mut rows, 2, |r| r).unwrap();
        assert_eq!(rows, ["a", "b"]);
        assert_eq!(parse_page_token(Some(&token)).unwrap().as_deref(), Some("b"));
        assert!(parse_page_token(Some("%%%")).is_err());
        assert_eq!(parse_page_token(None).unwrap(), None);
    }
}
