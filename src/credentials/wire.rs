//! The shapes of the query protocol, without the protocol: request parameters as the flat
//! `Name.member.N.Key` map the form body decodes to, and results as a tree of named values
//! that `protocol::awsquery` writes as XML. Field names are AWS's.

use std::collections::BTreeMap;

use super::CredentialsError;
use crate::validation;

/// The decoded form parameters of one request (`Action` and `Version` included).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(pub BTreeMap<String, String>);

impl Params {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// A required member: AWS's "Member must not be null" when absent.
    pub fn required(&self, name: &str) -> Result<&str, CredentialsError> {
        self.get(name).ok_or_else(|| validation::message(name, None, "Member must not be null").into())
    }

    /// An optional integer member; text that is not a number is a validation error.
    pub fn int(&self, name: &str) -> Result<Option<i64>, CredentialsError> {
        match self.get(name) {
            None => Ok(None),
            Some(text) => text.trim().parse().map(Some).map_err(|_| {
                // unsure: AWS's wording for a non-numeric integer parameter.
                CredentialsError::Validation(format!("Invalid value for parameter {name}, value: {text}"))
            }),
        }
    }

    /// `Name.member.1`, `Name.member.2`, … in order; stops at the first gap.
    pub fn list(&self, name: &str) -> Vec<String> {
        (1..).map_while(|i| self.get(&format!("{name}.member.{i}")).map(str::to_string)).collect()
    }

    /// `Tags.member.N.Key` / `.Value` pairs, in order.
    pub fn tags(&self, name: &str) -> Vec<(String, String)> {
        (1..)
            .map_while(|i| {
                let key = self.get(&format!("{name}.member.{i}.Key"))?;
                let value = self.get(&format!("{name}.member.{i}.Value")).unwrap_or("");
                Some((key.to_string(), value.to_string()))
            })
            .collect()
    }
}

/// A value in a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Text(String),
    /// Named members in order.
    Struct(Vec<(&'static str, Node)>),
    /// Each item becomes a `<member>`.
    List(Vec<Node>),
}

/// The members of an operation's `…Result` element; `None` for operations without output.
pub type Output = Option<Vec<(&'static str, Node)>>;

pub fn text(value: impl Into<String>) -> Node {
    Node::Text(value.into())
}

/// Epoch seconds as ISO 8601 in UTC, as AWS writes timestamps.
pub fn timestamp(epoch_secs: i64) -> Node {
    let t = chrono::DateTime::from_timestamp(epoch_secs, 0).unwrap_or_default();
    Node::Text(t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

pub fn boolean(value: bool) -> Node {
    Node::Text(if value { "true" } else { "false" }.into())
}
