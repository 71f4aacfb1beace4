//! Self-service users: sign-up and its confirmation code, password change and recovery,
//! attribute verification and deleting oneself, through the AWS SDK for Rust. Codes are
//! read from the outbox; expiry is driven by a `FixedClock`.

use std::sync::Arc;

use aws_sdk_cognitoidentityprovider::operation::create_user_pool::builders::CreateUserPoolFluentBuilder;
use aws_sdk_cognitoidentityprovider::operation::create_user_pool_client::builders::CreateUserPoolClientFluentBuilder;
use aws_sdk_cognitoidentityprovider::operation::sign_up::SignUpOutput;
use aws_sdk_cognitoidentityprovider::types::{
    AdminCreateUserConfigType, AttributeType, AuthFlowType, AuthenticationResultType, DeliveryMediumType,
    ExplicitAuthFlowsType, PreventUserExistenceErrorTypes, UserAttributeUpdateSettingsType, UserStatusType,
    UsernameAttributeType, VerifiedAttributeType,
};
use incognito::clock::{Clock, FixedClock, SystemClock};
use incognito::user_pools::sign_in::client::secret_hash;

use crate::helpers::{Options, TestApp, code, message};

const PASSWORD: &str = "Correct-Horse-9";
const NEW_PASSWORD: &str = "Battery-Staple-7";

type PoolConfig = fn(CreateUserPoolFluentBuilder) -> CreateUserPoolFluentBuilder;
type ClientConfig = fn(CreateUserPoolClientFluentBuilder) -> CreateUserPoolClientFluentBuilder;

fn attr(name: &str, value: &str) -> AttributeType {
    AttributeType::builder().name(name).value(value).build().unwrap()
}

fn value_of(attributes: &[AttributeType], name: &str) -> Option<String> {
    attributes.iter().find(|a| a.name == name).and_then(|a| a.value.clone())
}

/// The usual pool: email is auto-verified, so sign-up sends a code.
fn auto_verify_email(p: CreateUserPoolFluentBuilder) -> CreateUserPoolFluentBuilder {
    p.auto_verified_attributes(VerifiedAttributeType::Email)
}

fn plain_client(c: CreateUserPoolClientFluentBuilder) -> CreateUserPoolClientFluentBuilder {
    c
}

struct Fixture {
    app: TestApp,
    pool: String,
    client: String,
    clock: Arc<FixedClock>,
}

/// A pool and a password-flow client, configured by `pool` and `client`, on a fixed clock.
async fn fixture_with(pool: PoolConfig, client: ClientConfig) -> Fixture {
    let clock = Arc::new(FixedClock::new(SystemClock.now_millis()));
    let app = TestApp::spawn_with(Options { clock: clock.clone(), ..Default::default() }).await;
    let pool_id = pool(app.idp.create_user_pool().pool_name("self-service"))
        .send()
        .await
        .unwrap()
        .user_pool
        .and_then(|p| p.id)
        .unwrap();
    let create = app
        .idp
        .create_user_pool_client()
        .user_pool_id(&pool_id)
        .client_name("app")
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth);
    let client_id = client(create).send().await.unwrap().user_pool_client.unwrap().client_id.unwrap();
    Fixture { app, pool: pool_id, client: client_id, clock }
}

async fn fixture() -> Fixture {
    fixture_with(auto_verify_email, plain_client).await
}

impl Fixture {
    async fn sign_up(&self, username: &str, email: &str) -> SignUpOutput {
        self.app
            .idp
            .sign_up()
            .client_id(&self.client)
            .username(username)
            .password(PASSWORD)
            .user_attributes(attr("email", email))
            .send()
            .await
            .unwrap()
    }

    /// The newest message of `kind` for `username` in the outbox: (destination, code).
    /// Filtering by kind matters: under a fixed clock, messages share a timestamp.
    async fn outbox(&self, username: &str, kind: &str) -> (String, String) {
        let messages =
            incognito::user_pools::outbox::list(&self.app.state.user_pools, &self.pool, Some(username), 50)
                .await
                .unwrap();
        let m = messages.into_iter().find(|m| m.kind == kind).unwrap_or_else(|| panic!("a {kind} message"));
        (m.destination, m.code)
    }

    async fn sent_code(&self, username: &str, kind: &str) -> String {
        self.outbox(username, kind).await.1
    }

    async fn confirm(&self, username: &str, confirmation: &str) -> Result<(), (String, String)> {
        self.app
            .idp
            .confirm_sign_up()
            .client_id(&self.client)
            .username(username)
            .confirmation_code(confirmation)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| (code(&e), message(&e)))
    }

    async fn sign_in(
        &self,
        username: &str,
        password: &str,
    ) -> Result<AuthenticationResultType, (String, String)> {
        self.app
            .idp
            .initiate_auth()
            .client_id(&self.client)
            .auth_flow(AuthFlowType::UserPasswordAuth)
            .auth_parameters("USERNAME", username)
            .auth_parameters("PASSWORD", password)
            .send()
            .await
            .map(|r| r.authentication_result.expect("tokens"))
            .map_err(|e| (code(&e), message(&e)))
    }

    /// Signs `username` up with `email`, confirms with the emailed code and signs in.
    async fn signed_in_user(&self, username: &str, email: &str) -> AuthenticationResultType {
        self.sign_up(username, email).await;
        let sent = self.sent_code(username, "SIGN_UP").await;
        self.confirm(username, &sent).await.unwrap();
        self.sign_in(username, PASSWORD).await.unwrap()
    }

    async fn status_of(&self, username: &str) -> UserStatusType {
        let user =
            self.app.idp.admin_get_user().user_pool_id(&self.pool).username(username).send().await.unwrap();
        user.user_status.unwrap()
    }

    async fn attributes_of(&self, access_token: &str) -> Vec<AttributeType> {
        self.app.idp.get_user().access_token(access_token).send().await.unwrap().user_attributes
    }
}

fn access_token(tokens: &AuthenticationResultType) -> String {
    tokens.access_token.clone().unwrap()
}

#[tokio::test]
async fn a_user_signs_up_confirms_with_the_emailed_code_and_signs_in() {
    // Arrange
    let f = fixture().await;

    // Act
    let signed_up = f.sign_up("alice", "alice@example.com").await;

    // Assert: unconfirmed, with a code on its way to the email address.
    assert!(!signed_up.user_confirmed);
    assert!(uuid::Uuid::parse_str(signed_up.user_sub()).is_ok());
    let delivery = signed_up.code_delivery_details.unwrap();
    assert_eq!(delivery.destination.as_deref(), Some("a***@e***"));
    assert_eq!(delivery.delivery_medium, Some(DeliveryMediumType::Email));
    assert_eq!(delivery.attribute_name.as_deref(), Some("email"));
    assert_eq!(f.status_of("alice").await, UserStatusType::Unconfirmed);
    let (destination, sent) = f.outbox("alice", "SIGN_UP").await;
    assert_eq!(destination, "alice@example.com");
    assert_eq!(sent.len(), 6);
    assert_eq!(f.sign_in("alice", PASSWORD).await.unwrap_err().0, "UserNotConfirmedException");

    // Act
    f.confirm("alice", &sent).await.unwrap();
    let tokens = f.sign_in("alice", PASSWORD).await.unwrap();

    // Assert: confirmed, the email verified, sub first in GetUser.
    assert_eq!(f.status_of("alice").await, UserStatusType::Confirmed);
    let user = f.app.idp.get_user().access_token(access_token(&tokens)).send().await.unwrap();
    assert_eq!(user.username, "alice");
    assert_eq!(user.user_attributes[0].name, "sub");
    assert_eq!(user.user_attributes[0].value.as_deref(), Some(signed_up.user_sub.as_str()));
    assert_eq!(value_of(&user.user_attributes, "email_verified").as_deref(), Some("true"));
}

#[tokio::test]
async fn email_username_pools_sign_up_by_email_and_key_the_user_by_sub() {
    // Arrange
    let f = fixture_with(
        |p| auto_verify_email(p).username_attributes(UsernameAttributeType::Email),
        plain_client,
    )
    .await;

    // Act
    let signed_up = f
        .app
        .idp
        .sign_up()
        .client_id(&f.client)
        .username("carol@example.com")
        .password(PASSWORD)
        .send()
        .await
        .unwrap();
    let sent = f.sent_code(signed_up.user_sub(), "SIGN_UP").await;
    f.confirm("carol@example.com", &sent).await.unwrap();
    let tokens = f.sign_in("carol@example.com", PASSWORD).await.unwrap();

    // Assert
    let user = f.app.idp.get_user().access_token(access_token(&tokens)).send().await.unwrap();
    assert_eq!(user.username, signed_up.user_sub);
    assert_eq!(value_of(&user.user_attributes, "email").as_deref(), Some("carol@example.com"));
    assert_eq!(value_of(&user.user_attributes, "email_verified").as_deref(), Some("true"));
}

#[tokio::test]
async fn without_auto_verification_sign_up_sends_nothing_and_an_admin_confirms() {
    // Arrange
    let f = fixture_with(|p| p, plain_client).await;

    // Act
    let signed_up = f.sign_up("bob", "bob@example.com").await;

    // Assert
    assert!(signed_up.code_delivery_details.is_none());
    assert!(f.app.state.store.list_messages(&f.pool, Some("bob"), 10).await.unwrap().is_empty());
    let resend = f.app.idp.resend_confirmation_code().client_id(&f.client).username("bob").send().await;
    let err = resend.unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
    assert_eq!(message(&err), "Cannot resend codes. Auto verification not turned on.");

    // Act
    f.app.idp.admin_confirm_sign_up().user_pool_id(&f.pool).username("bob").send().await.unwrap();

    // Assert: confirmed without verifying the address; confirming again is refused.
    assert_eq!(f.status_of("bob").await, UserStatusType::Confirmed);
    let tokens = f.sign_in("bob", PASSWORD).await.unwrap();
    assert_eq!(value_of(&f.attributes_of(&access_token(&tokens)).await, "email_verified"), None);
    let again = f.app.idp.admin_confirm_sign_up().user_pool_id(&f.pool).username("bob").send().await;
    let err = again.unwrap_err();
    assert_eq!(code(&err), "NotAuthorizedException");
    assert_eq!(message(&err), "User cannot be confirmed. Current status is CONFIRMED");
}

#[tokio::test]
async fn confirm_sign_up_rejects_a_wrong_code_and_accepts_the_right_one_once() {
    // Arrange
    let f = fixture().await;
    f.sign_up("dave", "dave@example.com").await;
    let right = f.sent_code("dave", "SIGN_UP").await;
    let wrong = if right == "000000" { "111111" } else { "000000" };

    // Act
    let mismatch = f.confirm("dave", wrong).await.unwrap_err();
    let first = f.confirm("dave", &right).await;
    let second = f.confirm("dave", &right).await.unwrap_err();

    // Assert
    assert_eq!(
        mismatch,
        ("CodeMismatchException".into(), "Invalid verification code provided, please try again.".into())
    );
    assert!(first.is_ok(), "a wrong attempt leaves the right code usable");
    assert_eq!(
        second,
        ("NotAuthorizedException".into(), "User cannot be confirmed. Current status is CONFIRMED".into())
    );
    let resend = f.app.idp.resend_confirmation_code().client_id(&f.client).username("dave").send().await;
    let err = resend.unwrap_err();
    assert_eq!(
        (code(&err), message(&err)),
        ("InvalidParameterException".into(), "User is already confirmed.".into())
    );
}

#[tokio::test]
async fn sign_up_codes_expire_after_a_day_and_a_resent_code_replaces_them() {
    // Arrange
    let f = fixture().await;
    f.sign_up("erin", "erin@example.com").await;
    let old = f.sent_code("erin", "SIGN_UP").await;
    f.clock.advance_secs(24 * 3600 + 1);

    // Act
    let expired = f.confirm("erin", &old).await.unwrap_err();
    let resent = f
        .app
        .idp
        .resend_confirmation_code()
        .client_id(&f.client)
        .username("erin")
        .send()
        .await
        .unwrap()
        .code_delivery_details
        .unwrap();
    let new = f.sent_code("erin", "RESEND").await;

    // Assert
    assert_eq!(
        expired,
        ("ExpiredCodeException".into(), "Invalid code provided, please request a code again.".into())
    );
    assert_eq!(resent.destination.as_deref(), Some("e***@e***"));
    f.confirm("erin", &new).await.unwrap();
    assert_eq!(f.status_of("erin").await, UserStatusType::Confirmed);
}

#[tokio::test]
async fn clients_with_a_secret_need_the_right_secret_hash_to_sign_up() {
    // Arrange
    let f = fixture_with(auto_verify_email, |c| c.generate_secret(true)).await;
    let described = f
        .app
        .idp
        .describe_user_pool_client()
        .user_pool_id(&f.pool)
        .client_id(&f.client)
        .send()
        .await
        .unwrap();
    let secret = described.user_pool_client.unwrap().client_secret.unwrap();
    let sign_up = |hash: Option<String>| {
        f.app
            .idp
            .sign_up()
            .client_id(&f.client)
            .username("frank")
            .password(PASSWORD)
            .set_secret_hash(hash)
            .user_attributes(attr("email", "frank@example.com"))
            .send()
    };
    let cases = [
        (
            "no hash",
            None,
            format!("Client {} is configured with secret but SECRET_HASH was not received", f.client),
        ),
        (
            "hash of another username",
            Some(secret_hash(&secret, "mallory", &f.client)),
            format!("Unable to verify secret hash for client {}", f.client),
        ),
    ];

    for (description, hash, expected) in cases {
        // Act
        let err = sign_up(hash).await.unwrap_err();

        // Assert
        assert_eq!((code(&err), message(&err)), ("NotAuthorizedException".into(), expected), "{description}");
    }

    // Act
    let signed_up = sign_up(Some(secret_hash(&secret, "frank", &f.client))).await;

    // Assert
    assert!(signed_up.is_ok(), "the right hash is accepted");
    let sent = f.sent_code("frank", "SIGN_UP").await;
    f.app
        .idp
        .confirm_sign_up()
        .client_id(&f.client)
        .username("frank")
        .confirmation_code(sent)
        .secret_hash(secret_hash(&secret, "frank", &f.client))
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn sign_up_is_not_permitted_when_only_admins_create_users() {
    // Arrange
    let f = fixture_with(
        |p| {
            p.admin_create_user_config(
                AdminCreateUserConfigType::builder().allow_admin_create_user_only(true).build(),
            )
        },
        plain_client,
    )
    .await;

    // Act
    let err = f
        .app
        .idp
        .sign_up()
        .client_id(&f.client)
        .username("gina")
        .password(PASSWORD)
        .send()
        .await
        .unwrap_err();

    // Assert
    assert_eq!(code(&err), "NotAuthorizedException");
    assert_eq!(message(&err), "SignUp is not permitted for this user pool");
}

#[tokio::test]
async fn signing_up_twice_is_username_exists_worded_for_the_pool_style() {
    let cases: [(&str, PoolConfig, &str, &str); 2] = [
        ("usernames", auto_verify_email, "harry", "User already exists"),
        (
            "email as username",
            |p| auto_verify_email(p).username_attributes(UsernameAttributeType::Email),
            "harry@example.com",
            "An account with the given email already exists.",
        ),
    ];
    for (description, pool, username, expected) in cases {
        // Arrange
        let f = fixture_with(pool, plain_client).await;
        f.sign_up(username, "harry@example.com").await;

        // Act
        let err = f
            .app
            .idp
            .sign_up()
            .client_id(&f.client)
            .username(username)
            .password(PASSWORD)
            .user_attributes(attr("email", "harry@example.com"))
            .send()
            .await
            .unwrap_err();

        // Assert
        assert_eq!(
            (code(&err), message(&err)),
            ("UsernameExistsException".into(), expected.into()),
            "{description}"
        );
    }
}

#[tokio::test]
async fn sign_up_checks_the_password_policy_and_the_attributes() {
    // Arrange
    let f = fixture().await;
    let cases = [
        ("weak password", "short", attr("email", "ivy@example.com"), "InvalidPasswordException"),
        ("unknown attribute", PASSWORD, attr("custom:nope", "x"), "InvalidParameterException"),
        ("bad email", PASSWORD, attr("email", "not-an-email"), "InvalidParameterException"),
        ("self-verified email", PASSWORD, attr("email_verified", "true"), "NotAuthorizedException"),
    ];

    for (description, password, attribute, expected) in cases {
        // Act
        let err = f
            .app
            .idp
            .sign_up()
            .client_id(&f.client)
            .username("ivy")
            .password(password)
            .user_attributes(attribute)
            .send()
            .await
            .unwrap_err();

        // Assert
        assert_eq!(code(&err), expected, "{description}: {}", message(&err));
    }
    let missing = f.app.idp.admin_get_user().user_pool_id(&f.pool).username("ivy").send().await.unwrap_err();
    assert_eq!(code(&missing), "UserNotFoundException", "a refused sign-up writes nothing");
}

#[tokio::test]
async fn change_password_needs_the_previous_password_and_replaces_it() {
    // Arrange
    let f = fixture().await;
    let token = access_token(&f.signed_in_user("jack", "jack@example.com").await);
    let change = |previous: &str, proposed: &str| {
        f.app
            .idp
            .change_password()
            .access_token(&token)
            .previous_password(previous)
            .proposed_password(proposed)
            .send()
    };

    // Act
    let wrong = change("Not-The-Password-1", NEW_PASSWORD).await.unwrap_err();
    let weak = change(PASSWORD, "weak").await.unwrap_err();
    change(PASSWORD, NEW_PASSWORD).await.unwrap();

    // Assert
    assert_eq!(
        (code(&wrong), message(&wrong)),
        ("NotAuthorizedException".into(), "Incorrect username or password.".into())
    );
    assert_eq!(code(&weak), "InvalidPasswordException");
    assert_eq!(f.sign_in("jack", PASSWORD).await.unwrap_err().0, "NotAuthorizedException");
    assert!(f.sign_in("jack", NEW_PASSWORD).await.is_ok());
}

#[tokio::test]
async fn forgot_password_sends_a_code_that_sets_a_new_password_once() {
    // Arrange
    let f = fixture().await;
    f.signed_in_user("kate", "kate@example.com").await;

    // Act
    let sent = f
        .app
        .idp
        .forgot_password()
        .client_id(&f.client)
        .username("kate")
        .send()
        .await
        .unwrap()
        .code_delivery_details
        .unwrap();
    let (destination, reset) = f.outbox("kate", "FORGOT_PASSWORD").await;
    let confirm = |password: &str| {
        f.app
            .idp
            .confirm_forgot_password()
            .client_id(&f.client)
            .username("kate")
            .confirmation_code(&reset)
            .password(password)
            .send()
    };
    let weak = confirm("weak").await.unwrap_err();
    confirm(NEW_PASSWORD).await.unwrap();
    let reused = confirm("Another-Pass-5").await.unwrap_err();

    // Assert
    assert_eq!(sent.destination.as_deref(), Some("k***@e***"));
    assert_eq!(destination, "kate@example.com");
    assert_eq!(code(&weak), "InvalidPasswordException", "a rejected password does not use up the code");
    assert_eq!(code(&reused), "CodeMismatchException", "a code works once");
    assert!(f.sign_in("kate", NEW_PASSWORD).await.is_ok());
    assert_eq!(f.sign_in("kate", PASSWORD).await.unwrap_err().0, "NotAuthorizedException");
}

#[tokio::test]
async fn forgot_password_codes_expire_after_an_hour() {
    // Arrange
    let f = fixture().await;
    f.signed_in_user("liam", "liam@example.com").await;
    f.app.idp.forgot_password().client_id(&f.client).username("liam").send().await.unwrap();
    let reset = f.sent_code("liam", "FORGOT_PASSWORD").await;
    f.clock.advance_secs(3600 + 1);

    // Act
    let err = f
        .app
        .idp
        .confirm_forgot_password()
        .client_id(&f.client)
        .username("liam")
        .confirmation_code(reset)
        .password(NEW_PASSWORD)
        .send()
        .await
        .unwrap_err();

    // Assert
    assert_eq!(code(&err), "ExpiredCodeException");
    assert!(f.sign_in("liam", PASSWORD).await.is_ok(), "the old password still works");
}

#[tokio::test]
async fn forgot_password_needs_a_verified_address_and_hides_unknown_users_when_asked() {
    // Arrange: mia's email was never verified (an operator confirmed her).
    let f = fixture_with(|p| p, plain_client).await;
    f.sign_up("mia", "mia@example.com").await;
    f.app.idp.admin_confirm_sign_up().user_pool_id(&f.pool).username("mia").send().await.unwrap();
    let hiding = f
        .app
        .idp
        .create_user_pool_client()
        .user_pool_id(&f.pool)
        .client_name("hiding")
        .prevent_user_existence_errors(PreventUserExistenceErrorTypes::Enabled)
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap()
        .client_id
        .unwrap();
    let forgot = |client: &str, username: &str| {
        f.app.idp.forgot_password().client_id(client).username(username).send()
    };

    // Act
    let unverified = forgot(&f.client, "mia").await.unwrap_err();
    let unknown = forgot(&f.client, "nobody").await.unwrap_err();
    let hidden = forgot(&hiding, "nobody").await;
    let confirm_hidden = f
        .app
        .idp
        .confirm_forgot_password()
        .client_id(&hiding)
        .username("nobody")
        .confirmation_code("123456")
        .password(NEW_PASSWORD)
        .send()
        .await
        .unwrap_err();

    // Assert
    assert_eq!(code(&unverified), "InvalidParameterException");
    assert_eq!(
        message(&unverified),
        "Cannot reset password for the user as there is no registered/verified email or phone_number"
    );
    assert_eq!(code(&unknown), "UserNotFoundException");
    let details = hidden.expect("no error for an unknown user").code_delivery_details.unwrap();
    assert_eq!(details.delivery_medium, Some(DeliveryMediumType::Email));
    assert_eq!(code(&confirm_hidden), "CodeMismatchException");
}

#[tokio::test]
async fn admin_reset_user_password_requires_a_reset_before_signing_in_again() {
    // Arrange
    let f = fixture().await;
    let tokens = f.signed_in_user("noah", "noah@example.com").await;

    // Act
    f.app.idp.admin_reset_user_password().user_pool_id(&f.pool).username("noah").send().await.unwrap();

    // Assert: the password and the refresh token stop working; a code was sent.
    assert_eq!(f.status_of("noah").await, UserStatusType::ResetRequired);
    assert_eq!(
        f.sign_in("noah", PASSWORD).await.unwrap_err(),
        ("PasswordResetRequiredException".into(), "Password reset required for the user".into())
    );
    let refresh = f
        .app
        .idp
        .initiate_auth()
        .client_id(&f.client)
        .auth_flow(AuthFlowType::RefreshTokenAuth)
        .auth_parameters("REFRESH_TOKEN", tokens.refresh_token.unwrap())
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&refresh), "NotAuthorizedException");
    let reset = f.sent_code("noah", "ADMIN_RESET_PASSWORD").await;

    // Act
    f.app
        .idp
        .confirm_forgot_password()
        .client_id(&f.client)
        .username("noah")
        .confirmation_code(reset)
        .password(NEW_PASSWORD)
        .send()
        .await
        .unwrap();

    // Assert
    assert_eq!(f.status_of("noah").await, UserStatusType::Confirmed);
    assert!(f.sign_in("noah", NEW_PASSWORD).await.is_ok());
}

#[tokio::test]
async fn a_changed_email_applies_at_once_unverified_and_its_code_verifies_it() {
    // Arrange
    let f = fixture().await;
    let token = access_token(&f.signed_in_user("olga", "olga@example.com").await);

    // Act
    let updated = f
        .app
        .idp
        .update_user_attributes()
        .access_token(&token)
        .user_attributes(attr("email", "olga@new.example"))
        .user_attributes(attr("given_name", "Olga"))
        .send()
        .await
        .unwrap();

    // Assert: changed, unverified, with a code to the new address.
    let sent = updated.code_delivery_details_list.unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].destination.as_deref(), Some("o***@n***"));
    let attributes = f.attributes_of(&token).await;
    assert_eq!(value_of(&attributes, "email").as_deref(), Some("olga@new.example"));
    assert_eq!(value_of(&attributes, "email_verified").as_deref(), Some("false"));
    assert_eq!(value_of(&attributes, "given_name").as_deref(), Some("Olga"));
    let (destination, code_sent) = f.outbox("olga", "VERIFY_ATTRIBUTE").await;
    assert_eq!(destination, "olga@new.example");

    // Act
    let verify = |c: &str| {
        f.app.idp.verify_user_attribute().access_token(&token).attribute_name("email").code(c).send()
    };
    let wrong = verify(if code_sent == "000000" { "111111" } else { "000000" }).await.unwrap_err();
    verify(&code_sent).await.unwrap();
    let reused = verify(&code_sent).await.unwrap_err();

    // Assert
    assert_eq!(code(&wrong), "CodeMismatchException");
    assert_eq!(code(&reused), "CodeMismatchException");
    assert_eq!(value_of(&f.attributes_of(&token).await, "email_verified").as_deref(), Some("true"));
}

#[tokio::test]
async fn with_verification_before_update_the_old_email_stays_until_the_new_one_is_verified() {
    // Arrange
    let f = fixture_with(
        |p| {
            auto_verify_email(p).user_attribute_update_settings(
                UserAttributeUpdateSettingsType::builder()
                    .attributes_require_verification_before_update(VerifiedAttributeType::Email)
                    .build(),
            )
        },
        plain_client,
    )
    .await;
    let token = access_token(&f.signed_in_user("pete", "pete@example.com").await);

    // Act
    let updated = f
        .app
        .idp
        .update_user_attributes()
        .access_token(&token)
        .user_attributes(attr("email", "pete@new.example"))
        .send()
        .await
        .unwrap();

    // Assert: the verified old address stays; the code went to the new one.
    assert_eq!(updated.code_delivery_details_list.unwrap().len(), 1);
    let attributes = f.attributes_of(&token).await;
    assert_eq!(value_of(&attributes, "email").as_deref(), Some("pete@example.com"));
    assert_eq!(value_of(&attributes, "email_verified").as_deref(), Some("true"));
    let (destination, code_sent) = f.outbox("pete", "VERIFY_ATTRIBUTE").await;
    assert_eq!(destination, "pete@new.example");

    // Act
    f.app
        .idp
        .verify_user_attribute()
        .access_token(&token)
        .attribute_name("email")
        .code(code_sent)
        .send()
        .await
        .unwrap();

    // Assert
    let attributes = f.attributes_of(&token).await;
    assert_eq!(value_of(&attributes, "email").as_deref(), Some("pete@new.example"));
    assert_eq!(value_of(&attributes, "email_verified").as_deref(), Some("true"));
}

#[tokio::test]
async fn a_new_verification_code_can_be_requested_for_email_or_phone_only() {
    // Arrange
    let f = fixture().await;
    let token = access_token(&f.signed_in_user("quinn", "quinn@example.com").await);
    let request = |name: &str| {
        f.app.idp.get_user_attribute_verification_code().access_token(&token).attribute_name(name).send()
    };

    // Act
    let sent = request("email").await.unwrap().code_delivery_details.unwrap();
    let code_sent = f.sent_code("quinn", "VERIFY_ATTRIBUTE").await;
    let not_verifiable = request("given_name").await.unwrap_err();
    let absent = request("phone_number").await.unwrap_err();

    // Assert
    assert_eq!(sent.attribute_name.as_deref(), Some("email"));
    assert_eq!(code(&not_verifiable), "InvalidParameterException");
    assert_eq!(
        message(&not_verifiable),
        "Invalid attribute name. Only phone_number and email can be verified."
    );
    assert_eq!(code(&absent), "InvalidParameterException");
    f.app
        .idp
        .verify_user_attribute()
        .access_token(&token)
        .attribute_name("email")
        .code(code_sent)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn delete_user_attributes_removes_optional_attributes_only() {
    // Arrange
    let f = fixture().await;
    let token = access_token(&f.signed_in_user("rosa", "rosa@example.com").await);
    f.app
        .idp
        .update_user_attributes()
        .access_token(&token)
        .user_attributes(attr("nickname", "ro"))
        .send()
        .await
        .unwrap();

    // Act
    f.app
        .idp
        .delete_user_attributes()
        .access_token(&token)
        .user_attribute_names("nickname")
        .send()
        .await
        .unwrap();
    let sub =
        f.app.idp.delete_user_attributes().access_token(&token).user_attribute_names("sub").send().await;

    // Assert
    assert_eq!(value_of(&f.attributes_of(&token).await, "nickname"), None);
    assert_eq!(code(&sub.unwrap_err()), "InvalidParameterException");
}

#[tokio::test]
async fn delete_user_removes_the_user_and_its_tokens_stop_working() {
    // Arrange
    let f = fixture().await;
    let token = access_token(&f.signed_in_user("sam", "sam@example.com").await);

    // Act
    f.app.idp.delete_user().access_token(&token).send().await.unwrap();

    // Assert
    let gone = f.app.idp.admin_get_user().user_pool_id(&f.pool).username("sam").send().await.unwrap_err();
    assert_eq!(code(&gone), "UserNotFoundException");
    let stale = f.app.idp.get_user().access_token(&token).send().await.unwrap_err();
    assert_eq!(code(&stale), "NotAuthorizedException");
    assert_eq!(f.sign_in("sam", PASSWORD).await.unwrap_err().0, "UserNotFoundException");
}

#[tokio::test]
async fn token_operations_refuse_an_expired_access_token() {
    // Arrange
    let f = fixture().await;
    let token = access_token(&f.signed_in_user("tara", "tara@example.com").await);
    f.clock.advance_secs(3600 + 1);

    // Act
    let err = f.app.idp.get_user().access_token(&token).send().await.unwrap_err();

    // Assert
    assert_eq!(
        (code(&err), message(&err)),
        ("NotAuthorizedException".into(), "Access Token has expired".into())
    );
}
