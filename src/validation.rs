//! Input constraints from the botocore models (lengths, patterns, ranges) with AWS's
//! "1 validation error detected: …" messages, shared by every domain. Each domain turns an
//! [`Invalid`] into its own `InvalidParameterException`; which members exist is theirs.

/// A failed constraint; the text is AWS's whole message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

pub type Result<T = ()> = std::result::Result<T, Invalid>;

/// AWS's message for one failed constraint, e.g.
/// `1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null`.
pub fn message(field: &str, value: Option<&str>, constraint: &str) -> Invalid {
    let value = match value {
        Some(v) => format!("'{v}'"),
        None => "null".to_string(),
    };
    Invalid(format!(
        "1 validation error detected: Value {value} at '{}' failed to satisfy constraint: {constraint}",
        lower_first(field)
    ))
}

/// Like [`message`] for sensitive members, whose value AWS never echoes.
pub fn message_hidden(field: &str, constraint: &str) -> Invalid {
    Invalid(format!(
        "1 validation error detected: Value at '{}' failed to satisfy constraint: {constraint}",
        lower_first(field)
    ))
}

/// `UserPoolId` → `userPoolId`, the way AWS names members in validation messages.
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `shown` is the value to echo, or `None` for sensitive members.
pub fn fail(field: &str, shown: Option<&str>, constraint: &str) -> Invalid {
    match shown {
        Some(v) => message(field, Some(v), constraint),
        None => message_hidden(field, constraint),
    }
}

/// The length constraint's message, if `value` breaks it.
pub fn length_constraint(value: &str, min: usize, max: usize) -> Option<String> {
    let n = value.chars().count();
    if n < min {
        Some(format!("Member must have length greater than or equal to {min}"))
    } else if n > max {
        Some(format!("Member must have length less than or equal to {max}"))
    } else {
        None
    }
}

pub fn length(field: &str, value: &str, shown: Option<&str>, min: usize, max: usize) -> Result {
    match length_constraint(value, min, max) {
        Some(constraint) => Err(fail(field, shown, &constraint)),
        None => Ok(()),
    }
}

pub fn pattern(field: &str, shown: Option<&str>, ok: bool, regex: &str) -> Result {
    if ok {
        Ok(())
    } else {
        Err(fail(field, shown, &format!("Member must satisfy regular expression pattern: {regex}")))
    }
}

/// `\w`: letters, digits, underscore.
pub fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `[\S]+`-like: no whitespace or control characters.
pub fn is_visible(s: &str) -> bool {
    s.chars().all(|c| !c.is_whitespace() && !c.is_control())
}

/// `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`, the model's pattern of usernames, group names and
/// attribute names: letters, marks, symbols, numbers and punctuation only. Spaces, control
/// characters and format characters (zero-width spaces, bidirectional controls) are not in
/// those classes, so `bob\u{200b}` is not a second `bob`.
pub fn is_printable_name(s: &str) -> bool {
    static NAME: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$").expect("a valid pattern")
    });
    NAME.is_match(s)
}

/// Names of `[\w\s+=,.@-]`, 1–128 chars: `UserPoolNameType`, `ClientNameType`, `IdentityPoolName`.
pub fn resource_name(field: &str, name: &str) -> Result {
    length(field, name, Some(name), 1, 128)?;
    let ok = name.chars().all(|c| is_word(c) || c.is_whitespace() || "+=,.@-".contains(c));
    pattern(field, Some(name), ok, r"[\w\s+=,.@-]+")
}

/// `UserPoolIdType`: 1–55 chars, `[\w-]+_[0-9a-zA-Z]+`. Shared because a pool id also
/// appears in provider names, issuers and the gateway's configuration.
pub fn user_pool_id(id: &str) -> Result {
    length("UserPoolId", id, Some(id), 1, 55)?;
    let ok = id.rsplit_once('_').is_some_and(|(region, suffix)| {
        !region.is_empty()
            && region.chars().all(|c| is_word(c) || c == '-')
            && !suffix.is_empty()
            && suffix.chars().all(|c| c.is_ascii_alphanumeric())
    });
    pattern("UserPoolId", Some(id), ok, r"[\w-]+_[0-9a-zA-Z]+")
}

/// An integer member with a range, e.g. `Limit` 0–60.
pub fn range(field: &str, value: Option<i64>, min: i64, max: i64) -> Result {
    let Some(v) = value else { return Ok(()) };
    let shown = v.to_string();
    if v < min {
        return Err(message(
            field,
            Some(&shown),
            &format!("Member must have value greater than or equal to {min}"),
        ));
    }
    if v > max {
        return Err(message(
            field,
            Some(&shown),
            &format!("Member must have value less than or equal to {max}"),
        ));
    }
    Ok(())
}

/// Whether `arn` is shaped `arn:partition:service:region:account:resource`.
pub fn is_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    parts.len() == 6
        && parts[0] == "arn"
        && !parts[1].is_empty()
        && !parts[2].is_empty()
        && !parts[4].is_empty()
        && parts[4].chars().all(|c| c.is_ascii_digit())
        && !parts[5].is_empty()
}

/// `ArnType`: 20–2048 chars shaped `arn:partition:service:region:account:resource`.
pub fn arn(field: &str, arn: &str) -> Result {
    length(field, arn, Some(arn), 20, 2048)?;
    pattern(
        field,
        Some(arn),
        is_arn(arn),
        r"arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_member_in_camel_case() {
        let err = range("MaxResults", Some(0), 1, 60).unwrap_err().to_string();
        assert_eq!(
            err,
            "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: \
             Member must have value greater than or equal to 1"
        );
    }

    #[test]
    fn printable_names_exclude_spaces_controls_and_format_characters() {
        let cases = [
            ("ascii", "bob", true),
            ("accents and symbols", "jöhn+1@x.io", true),
            ("zero-width space", "bob\u{200b}", false),
            ("right-to-left override", "\u{202e}bob", false),
            ("zero-width joiner", "a\u{200d}b", false),
            ("space", "bo b", false),
            ("tab", "bob\t", false),
            ("empty", "", false),
        ];
        for (description, name, ok) in cases {
            assert_eq!(is_printable_name(name), ok, "{description}");
        }
    }

    #[test]
    fn resource_names_follow_the_model_pattern() {
        let cases = [
            ("plain", "my pool", true),
            ("punctuation allowed by the model", "a+b=c,d.e@f-g_h", true),
            ("empty", "", false),
            ("slash", "a/b", false),
            ("too long", &"n".repeat(129), false),
        ];
        for (description, name, ok) in cases {
            assert_eq!(resource_name("IdentityPoolName", name).is_ok(), ok, "{description}");
        }
    }
}
