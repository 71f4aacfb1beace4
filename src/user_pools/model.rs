//! Domain types of a user pool: its settings, schema, app clients and the shape of a user.
//! Settings are kept in AWS's own shape (PascalCase JSON) so DescribeUserPool returns what
//! CreateUserPool accepted; the fields the service enforces are typed, the rest pass through.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct PasswordPolicy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_length: Option<i64>,
    #[serde(default)]
    pub require_uppercase: bool,
    #[serde(default)]
    pub require_lowercase: bool,
    #[serde(default)]
    pub require_numbers: bool,
    #[serde(default)]
    pub require_symbols: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_history_size: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub temporary_password_validity_days: Option<i64>,
}

impl PasswordPolicy {
    /// What a pool gets when CreateUserPool names no policy.
    pub fn aws_default() -> Self {
        Self {
            minimum_length: Some(8),
            require_uppercase: true,
            require_lowercase: true,
            require_numbers: true,
            require_symbols: true,
            password_history_size: None,
            temporary_password_validity_days: Some(7),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct Policies {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_policy: Option<PasswordPolicy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign_in_policy: Option<Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct UsernameConfiguration {
    pub case_sensitive: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct AdminCreateUserConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_admin_create_user_only: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unused_account_validity_days: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invite_message_template: Option<Value>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct StringConstraints {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct NumberConstraints {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_value: Option<String>,
}

/// One attribute of the pool's schema (`SchemaAttributeType`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct SchemaAttribute {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribute_data_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub developer_only_attribute: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mutable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_attribute_constraints: Option<NumberConstraints>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub string_attribute_constraints: Option<StringConstraints>,
}

impl SchemaAttribute {
    pub fn name(&self) -> &str {
        self.name.as_deref().unwrap_or("")
    }

    pub fn data_type(&self) -> &str {
        self.attribute_data_type.as_deref().unwrap_or("String")
    }

    pub fn is_required(&self) -> bool {
        self.required.unwrap_or(false)
    }

    pub fn is_mutable(&self) -> bool {
        self.mutable.unwrap_or(true)
    }
}

/// The standard OIDC attributes every pool has, as DescribeUserPool lists them.
pub fn standard_schema() -> Vec<SchemaAttribute> {
    const STRINGS: &[&str] = &[
        "name",
        "given_name",
        "family_name",
        "middle_name",
        "nickname",
        "preferred_username",
        "profile",
        "picture",
        "website",
        "email",
        "gender",
        "birthdate",
        "zoneinfo",
        "locale",
        "phone_number",
        "address",
    ];
    let string = |name: &str, min: &str, max: &str, mutable: bool, required: bool| SchemaAttribute {
        name: Some(name.into()),
        attribute_data_type: Some("String".into()),
        developer_only_attribute: Some(false),
        mutable: Some(mutable),
        required: Some(required),
        number_attribute_constraints: None,
        string_attribute_constraints: Some(StringConstraints {
            min_length: Some(min.into()),
            max_length: Some(max.into()),
        }),
    };
    let boolean = |name: &str| SchemaAttribute {
        name: Some(name.into()),
        attribute_data_type: Some("Boolean".into()),
        developer_only_attribute: Some(false),
        mutable: Some(true),
        required: Some(false),
        ..Default::default()
    };
    let mut schema = vec![string("sub", "1", "2048", false, true)];
    for name in STRINGS {
        let (min, max) = if *name == "birthdate" { ("10", "10") } else { ("0", "2048") };
        schema.push(string(name, min, max, true, false));
        match *name {
            "email" => schema.push(boolean("email_verified")),
            "phone_number" => schema.push(boolean("phone_number_verified")),
            _ => {}
        }
    }
    schema.push(SchemaAttribute {
        name: Some("updated_at".into()),
        attribute_data_type: Some("Number".into()),
        developer_only_attribute: Some(false),
        mutable: Some(true),
        required: Some(false),
        number_attribute_constraints: Some(NumberConstraints {
            min_value: Some("0".into()),
            max_value: None,
        }),
        string_attribute_constraints: None,
    });
    schema.push(string("identities", "0", "2048", true, false));
    schema
}

/// Everything about a pool that DescribeUserPool returns and that has no column of its own.
/// Unenforced structures pass through as JSON, in AWS's shape.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct PoolSettings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policies: Option<Policies>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletion_protection: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_config: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_verified_attributes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias_attributes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username_attributes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms_verification_message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_verification_message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_verification_subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification_message_template: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms_authentication_message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_attribute_update_settings: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mfa_configuration: Option<String>,
    /// SetUserPoolMfaConfig's `SoftwareTokenMfaConfiguration` (`{"Enabled": bool}`); not
    /// part of DescribeUserPool's answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub software_token_mfa_configuration: Option<Value>,
    /// SetUserPoolMfaConfig's `SmsMfaConfiguration`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms_mfa_configuration: Option<Value>,
    /// SetUserPoolMfaConfig's `EmailMfaConfiguration`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_mfa_configuration: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_configuration: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_configuration: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms_configuration: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_pool_tags: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin_create_user_config: Option<AdminCreateUserConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_pool_add_ons: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username_configuration: Option<UsernameConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_recovery_setting: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_pool_tier: Option<String>,
    /// The full schema: standard attributes, then `custom:` ones. Not part of the request
    /// shapes (CreateUserPool calls it `Schema`), so it is filled in by the domain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schema_attributes: Vec<SchemaAttribute>,
}

impl PoolSettings {
    pub fn password_policy(&self) -> PasswordPolicy {
        self.policies
            .as_ref()
            .and_then(|p| p.password_policy.clone())
            .unwrap_or_else(PasswordPolicy::aws_default)
    }

    /// Usernames are case-sensitive unless UsernameConfiguration says otherwise (the API
    /// default when it is omitted).
    pub fn case_sensitive(&self) -> bool {
        self.username_configuration.as_ref().is_none_or(|c| c.case_sensitive)
    }

    pub fn username_attributes(&self) -> &[String] {
        self.username_attributes.as_deref().unwrap_or(&[])
    }

    pub fn alias_attributes(&self) -> &[String] {
        self.alias_attributes.as_deref().unwrap_or(&[])
    }

    pub fn schema_attribute(&self, name: &str) -> Option<&SchemaAttribute> {
        self.schema_attributes.iter().find(|a| a.name() == name)
    }
}

/// Settings of an app client in AWS's shape (`UserPoolClientType` minus ids, name, secret
/// and dates).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ClientSettings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token_validity: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token_validity: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_token_validity: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_validity_units: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_attributes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub write_attributes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explicit_auth_flows: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supported_identity_providers: Option<Vec<String>>,
    #[serde(rename = "CallbackURLs", skip_serializing_if = "Option::is_none")]
    pub callback_urls: Option<Vec<String>>,
    #[serde(rename = "LogoutURLs", skip_serializing_if = "Option::is_none")]
    pub logout_urls: Option<Vec<String>>,
    #[serde(rename = "DefaultRedirectURI", skip_serializing_if = "Option::is_none")]
    pub default_redirect_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_o_auth_flows: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_o_auth_scopes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_o_auth_flows_user_pool_client: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analytics_configuration: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prevent_user_existence_errors: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_token_revocation: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_propagate_additional_user_context_data: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_session_validity: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token_rotation: Option<Value>,
}

/// A user attribute on the wire (`AttributeType`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct Attribute {
    pub name: String,
    #[serde(default)]
    pub value: Option<String>,
}

/// A user's stored attributes (a JSON list of `{"Name","Value"}`).
pub fn parse_attributes(json: &str) -> Result<Vec<Attribute>, super::error::UserPoolError> {
    serde_json::from_str(json).map_err(|e| {
        super::error::UserPoolError::Internal(crate::error::Internal::because("stored attributes", e))
    })
}

pub fn encode_attributes(attributes: &[Attribute]) -> String {
    serde_json::to_string(attributes).unwrap_or_else(|_| "[]".into())
}

/// User statuses as AWS names them.
pub mod status {
    pub const UNCONFIRMED: &str = "UNCONFIRMED";
    pub const CONFIRMED: &str = "CONFIRMED";
    pub const FORCE_CHANGE_PASSWORD: &str = "FORCE_CHANGE_PASSWORD";
    pub const RESET_REQUIRED: &str = "RESET_REQUIRED";
}
