//! Input constraints from the botocore model (lengths, patterns, ranges), checked before
//! any logic runs, with AWS's validation messages.

use super::error::UserPoolError;
use crate::validation::{self, is_printable_name, is_word, length, pattern};

type Result<T = ()> = std::result::Result<T, UserPoolError>;

/// `UserPoolIdType`: see [`validation::user_pool_id`].
pub fn user_pool_id(id: &str) -> Result {
    Ok(validation::user_pool_id(id)?)
}

/// `UserPoolNameType` and `ClientNameType`: 1–128 chars of `[\w\s+=,.@-]`.
pub fn resource_name(field: &str, name: &str) -> Result {
    Ok(validation::resource_name(field, name)?)
}

/// `UsernameType`: 1–128 visible characters. Usernames are sensitive: never echoed.
pub fn username(name: &str) -> Result {
    length("Username", name, None, 1, 128)?;
    Ok(pattern("Username", None, is_printable_name(name), r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+")?)
}

/// `GroupNameType`: 1–128 visible characters.
pub fn group_name(name: &str) -> Result {
    length("GroupName", name, Some(name), 1, 128)?;
    Ok(pattern("GroupName", Some(name), is_printable_name(name), r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+")?)
}

/// `ClientIdType`: 1–128 chars of `[\w+]`. Sensitive.
pub fn client_id(id: &str) -> Result {
    length("ClientId", id, None, 1, 128)?;
    Ok(pattern("ClientId", None, id.chars().all(|c| is_word(c) || c == '+'), r"[\w+]+")?)
}

/// `ClientSecretType`: 24–64 chars of `[\w+]`. Sensitive.
pub fn client_secret(secret: &str) -> Result {
    length("ClientSecret", secret, None, 24, 64)?;
    Ok(pattern("ClientSecret", None, secret.chars().all(|c| is_word(c) || c == '+'), r"[\w+]+")?)
}

/// `PasswordType`: at most 256 non-whitespace characters. Sensitive.
pub fn password(field: &str, password: &str) -> Result {
    length(field, password, None, 0, 256)?;
    Ok(pattern(field, None, !password.chars().any(char::is_whitespace), r"[\S]+")?)
}

/// An integer member with a range, e.g. `Limit` 0–60.
pub fn range(field: &str, value: Option<i64>, min: i64, max: i64) -> Result {
    Ok(validation::range(field, value, min, max)?)
}

/// `ArnType`: 20–2048 chars shaped `arn:partition:service:region:account:resource`.
pub fn arn(field: &str, arn: &str) -> Result {
    Ok(validation::arn(field, arn)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_pool_ids_follow_the_model_pattern() {
        let cases = [
            ("generated id", "us-east-1_AbC123xyZ", true),
            ("pinned id", "us-east-1_Example01", true),
            ("no underscore", "useast1", false),
            ("empty suffix", "us-east-1_", false),
            ("symbol in suffix", "us-east-1_ab-c", false),
            ("too long", &"a".repeat(56), false),
        ];
        for (description, id, ok) in cases {
            assert_eq!(user_pool_id(id).is_ok(), ok, "{description}");
        }
    }

    #[test]
    fn validation_messages_name_the_member_in_camel_case() {
        let err = user_pool_id("nope").unwrap_err().to_string();
        assert_eq!(
            err,
            "1 validation error detected: Value 'nope' at 'userPoolId' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+"
        );
    }

    #[test]
    fn sensitive_values_are_not_echoed() {
        let err = username("has space").unwrap_err().to_string();
        assert!(err.starts_with("1 validation error detected: Value at 'username'"), "{err}");
        assert!(!err.contains("has space"), "{err}");
    }

    #[test]
    fn arns_are_checked() {
        assert!(arn("RoleArn", "arn:aws:iam::123456789012:role/admins").is_ok());
        assert!(arn("RoleArn", "not-an-arn-but-long-enough").is_err());
    }
}
