//! MFA through the AWS SDK for Rust: the pool's MFA configuration, TOTP enrolment with an
//! access token and through MFA_SETUP, the SOFTWARE_TOKEN_MFA challenge after the password
//! and SRP flows (with wrong, replayed and neighbouring-step codes), SELECT_MFA_TYPE, and
//! SMS and email codes read from the outbox. Codes come from `incognito::crypto::totp` at the
//! fixed clock's time step.

use std::sync::Arc;

use aws_cognito_srp::{SrpClient, User, UserAuthenticationParameters};
use aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput;
use aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeOutput;
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, AuthFlowType, ChallengeNameType, EmailMfaConfigType, EmailMfaSettingsType,
    ExplicitAuthFlowsType, MessageActionType, SmsConfigurationType, SmsMfaConfigType, SmsMfaSettingsType,
    SoftwareTokenMfaConfigType, SoftwareTokenMfaSettingsType, UserPoolMfaType,
    VerifySoftwareTokenResponseType,
};
use incognito::clock::FixedClock;
use incognito::crypto::totp;

use crate::helpers::{Options, TestApp, code, message};

const PASSWORD: &str = "Correct-Horse-9";
/// A fixed time in the middle of a 30-second step.
const T0: i64 = 1_800_000_015_000;

fn err<E, R>(e: aws_sdk_cognitoidentityprovider::error::SdkError<E, R>) -> String
where
    E: aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata,
{
    format!("{}: {}", code(&e), message(&e))
}

struct Fixture {
    app: TestApp,
    clock: Arc<FixedClock>,
    pool: String,
    client: String,
}

/// Which factors the pool offers.
#[derive(Clone, Copy)]
struct Factors {
    totp: bool,
    sms: bool,
    email: bool,
}

const TOTP_ONLY: Factors = Factors { totp: true, sms: false, email: false };

/// A pool with MFA `mode` offering `factors`, a client allowing the password and SRP flows,
/// and a confirmed user `alice` with an email address and a phone number.
async fn fixture_at(clock: Arc<FixedClock>, mode: UserPoolMfaType, factors: Factors) -> Fixture {
    let app = TestApp::spawn_with(Options { clock: clock.clone(), ..Default::default() }).await;
    let pool = app.pool().await;
    let client = app
        .idp
        .create_user_pool_client()
        .user_pool_id(&pool)
        .client_name("app")
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowAdminUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap()
        .client_id
        .unwrap();
    let mut config = app.idp.set_user_pool_mfa_config().user_pool_id(&pool).mfa_configuration(mode);
    if factors.totp {
        config = config
            .software_token_mfa_configuration(SoftwareTokenMfaConfigType::builder().enabled(true).build());
    }
    if factors.sms {
        config = config.sms_mfa_configuration(
            SmsMfaConfigType::builder()
                .sms_authentication_message("Your code is {####}")
                .sms_configuration(
                    SmsConfigurationType::builder()
                        .sns_caller_arn("arn:aws:iam::123456789012:role/sns")
                        .build()
                        .unwrap(),
                )
                .build(),
        );
    }
    if factors.email {
        config = config.email_mfa_configuration(EmailMfaConfigType::builder().subject("Your code").build());
    }
    config.send().await.unwrap();
    app.idp
        .admin_create_user()
        .user_pool_id(&pool)
        .username("alice")
        .user_attributes(AttributeType::builder().name("email").value("alice@example.com").build().unwrap())
        .user_attributes(AttributeType::builder().name("email_verified").value("true").build().unwrap())
        .user_attributes(AttributeType::builder().name("phone_number").value("+15555550123").build().unwrap())
        .message_action(MessageActionType::Suppress)
        .send()
        .await
        .unwrap();
    app.idp
        .admin_set_user_password()
        .user_pool_id(&pool)
        .username("alice")
        .password(PASSWORD)
        .permanent(true)
        .send()
        .await
        .unwrap();
    Fixture { app, clock, pool, client }
}

async fn fixture(mode: UserPoolMfaType, factors: Factors) -> Fixture {
    fixture_at(Arc::new(FixedClock::new(T0)), mode, factors).await
}

impl Fixture {
    /// The current TOTP step, shifted by `offset` steps.
    fn step(&self, offset: i64) -> i64 {
        use incognito::clock::Clock;
        self.clock.now_millis() / 1000 / totp::STEP + offset
    }

    /// The code an authenticator app would show, computed by the independent totp-rs crate.
    fn code(&self, secret: &str, offset: i64) -> String {
        let totp = totp_rs::Builder::new()
            .with_algorithm(totp_rs::Algorithm::SHA1)
            .with_digits(6)
            .with_step_duration(totp::STEP as u64)
            .with_secret(totp_rs::Secret::try_from_base32(secret).expect("base32 secret"))
            .build()
            .expect("a valid TOTP");
        totp.generate((self.step(offset) * totp::STEP) as u64).to_string()
    }

    async fn sign_in(&self) -> InitiateAuthOutput {
        self.app
            .idp
            .initiate_auth()
            .client_id(&self.client)
            .auth_flow(AuthFlowType::UserPasswordAuth)
            .auth_parameters("USERNAME", "alice")
            .auth_parameters("PASSWORD", PASSWORD)
            .send()
            .await
            .unwrap()
    }

    async fn answer(
        &self,
        challenge: ChallengeNameType,
        session: &str,
        key: &str,
        value: &str,
    ) -> Result<RespondToAuthChallengeOutput, String> {
        self.app
            .idp
            .respond_to_auth_challenge()
            .client_id(&self.client)
            .challenge_name(challenge)
            .session(session)
            .challenge_responses("USERNAME", "alice")
            .challenge_responses(key, value)
            .send()
            .await
            .map_err(err)
    }

    async fn answer_totp(&self, session: &str, code: &str) -> Result<RespondToAuthChallengeOutput, String> {
        self.answer(ChallengeNameType::SoftwareTokenMfa, session, "SOFTWARE_TOKEN_MFA_CODE", code).await
    }

    /// Signs in without MFA and enrols a software token as preferred; returns the secret.
    async fn enrol(&self) -> String {
        let out = self.sign_in().await;
        let access = out.authentication_result.expect("tokens before MFA").access_token.unwrap();
        let secret = self
            .app
            .idp
            .associate_software_token()
            .access_token(&access)
            .send()
            .await
            .unwrap()
            .secret_code
            .unwrap();
        let verified = self
            .app
            .idp
            .verify_software_token()
            .access_token(&access)
            .user_code(self.code(&secret, 0))
            .friendly_device_name("phone")
            .send()
            .await
            .unwrap();
        assert_eq!(verified.status, Some(VerifySoftwareTokenResponseType::Success));
        self.app
            .idp
            .set_user_mfa_preference()
            .access_token(&access)
            .software_token_mfa_settings(
                SoftwareTokenMfaSettingsType::builder().enabled(true).preferred_mfa(true).build(),
            )
            .send()
            .await
            .unwrap();
        secret
    }

    /// Signs in with the password and expects `challenge`; returns its session.
    async fn challenged(
        &self,
        challenge: ChallengeNameType,
    ) -> (String, std::collections::HashMap<String, String>) {
        let out = self.sign_in().await;
        assert_eq!(out.challenge_name, Some(challenge));
        assert!(out.authentication_result.is_none());
        (out.session.expect("session"), out.challenge_parameters.unwrap_or_default())
    }

    /// The newest outbox code of `kind` for alice.
    async fn outbox_code(&self, kind: &str) -> incognito::user_pools::store::MessageRow {
        incognito::user_pools::outbox::list(&self.app.state.user_pools, &self.pool, Some("alice"), 10)
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.kind == kind)
            .expect("message in the outbox")
    }
}

#[tokio::test]
async fn pool_mfa_config_is_set_and_read_back() {
    // Arrange
    let app = TestApp::spawn().await;
    let pool = app.pool().await;

    // Act
    let fresh = app.idp.get_user_pool_mfa_config().user_pool_id(&pool).send().await.unwrap();
    let without_factor = app
        .idp
        .set_user_pool_mfa_config()
        .user_pool_id(&pool)
        .mfa_configuration(UserPoolMfaType::On)
        .send()
        .await
        .unwrap_err();
    let set = app
        .idp
        .set_user_pool_mfa_config()
        .user_pool_id(&pool)
        .mfa_configuration(UserPoolMfaType::Optional)
        .software_token_mfa_configuration(SoftwareTokenMfaConfigType::builder().enabled(true).build())
        .send()
        .await
        .unwrap();
    let read = app.idp.get_user_pool_mfa_config().user_pool_id(&pool).send().await.unwrap();
    let described = app.idp.describe_user_pool().user_pool_id(&pool).send().await.unwrap().user_pool.unwrap();

    // Assert
    assert_eq!(fresh.mfa_configuration, Some(UserPoolMfaType::Off));
    assert_eq!(fresh.software_token_mfa_configuration, None);
    assert_eq!(code(&without_factor), "InvalidParameterException");
    assert_eq!(set.mfa_configuration, Some(UserPoolMfaType::Optional));
    assert_eq!(read.mfa_configuration, Some(UserPoolMfaType::Optional));
    assert!(read.software_token_mfa_configuration.unwrap().enabled);
    assert_eq!(described.mfa_configuration, Some(UserPoolMfaType::Optional));
}

#[tokio::test]
async fn an_optional_pool_signs_in_a_user_without_mfa_directly() {
    // Arrange
    let f = fixture(UserPoolMfaType::Optional, TOTP_ONLY).await;

    // Act
    let out = f.sign_in().await;

    // Assert
    assert_eq!(out.challenge_name, None);
    assert!(out.authentication_result.unwrap().access_token.is_some());
}

#[tokio::test]
async fn a_user_enrols_a_software_token_and_then_signs_in_with_it() {
    // Arrange
    let f = fixture(UserPoolMfaType::Optional, TOTP_ONLY).await;
    let secret = f.enrol().await;
    assert_eq!(secret.len(), 32);
    let me = f.app.idp.admin_get_user().user_pool_id(&f.pool).username("alice").send().await.unwrap();
    assert_eq!(me.user_mfa_setting_list, Some(vec!["SOFTWARE_TOKEN_MFA".to_string()]));
    assert_eq!(me.preferred_mfa_setting.as_deref(), Some("SOFTWARE_TOKEN_MFA"));
    f.clock.advance_secs(30);

    // Act
    let (session, parameters) = f.challenged(ChallengeNameType::SoftwareTokenMfa).await;
    let out = f.answer_totp(&session, &f.code(&secret, 0)).await.unwrap();

    // Assert
    assert_eq!(parameters.get("USER_ID_FOR_SRP").map(String::as_str), Some("alice"));
    let tokens = out.authentication_result.expect("tokens after MFA");
    let user = f.app.idp.get_user().access_token(tokens.access_token.unwrap()).send().await.unwrap();
    assert_eq!(user.user_mfa_setting_list, Some(vec!["SOFTWARE_TOKEN_MFA".to_string()]));
    assert_eq!(user.preferred_mfa_setting.as_deref(), Some("SOFTWARE_TOKEN_MFA"));
}

#[tokio::test]
async fn wrong_and_replayed_totp_codes_are_refused_and_neighbouring_steps_accepted() {
    // Arrange
    let f = fixture(UserPoolMfaType::Optional, TOTP_ONLY).await;
    let secret = f.enrol().await;

    // Act / Assert: the code that verified the token cannot sign in.
    let (session, _) = f.challenged(ChallengeNameType::SoftwareTokenMfa).await;
    assert_eq!(
        f.answer_totp(&session, &f.code(&secret, 0)).await.unwrap_err(),
        "CodeMismatchException: Invalid code received for user"
    );

    // A wrong code is refused, and the session is used up by it.
    let (session, _) = f.challenged(ChallengeNameType::SoftwareTokenMfa).await;
    let wrong = if f.code(&secret, 1) == "000000" { "111111" } else { "000000" };
    assert_eq!(
        f.answer_totp(&session, wrong).await.unwrap_err(),
        "CodeMismatchException: Invalid code received for user"
    );
    assert_eq!(
        f.answer_totp(&session, &f.code(&secret, 1)).await.unwrap_err(),
        "NotAuthorizedException: Invalid session for the user."
    );

    // The next step's code (+1) works, once.
    let (session, _) = f.challenged(ChallengeNameType::SoftwareTokenMfa).await;
    assert!(f.answer_totp(&session, &f.code(&secret, 1)).await.unwrap().authentication_result.is_some());
    let (session, _) = f.challenged(ChallengeNameType::SoftwareTokenMfa).await;
    assert_eq!(
        f.answer_totp(&session, &f.code(&secret, 1)).await.unwrap_err(),
        "CodeMismatchException: Invalid code received for user"
    );

    // Three steps on, the previous step's code (-1) works; two steps back does not.
    f.clock.advance_secs(3 * totp::STEP);
    let (session, _) = f.challenged(ChallengeNameType::SoftwareTokenMfa).await;
    assert_eq!(
        f.answer_totp(&session, &f.code(&secret, -2)).await.unwrap_err(),
        "CodeMismatchException: Invalid code received for user"
    );
    let (session, _) = f.challenged(ChallengeNameType::SoftwareTokenMfa).await;
    assert!(f.answer_totp(&session, &f.code(&secret, -1)).await.unwrap().authentication_result.is_some());
}

#[tokio::test]
async fn a_wrong_verification_code_and_an_unverified_token_are_refused() {
    // Arrange
    let f = fixture(UserPoolMfaType::Optional, TOTP_ONLY).await;
    let access = f.sign_in().await.authentication_result.unwrap().access_token.unwrap();

    // Act
    let not_associated =
        f.app.idp.verify_software_token().access_token(&access).user_code("123456").send().await;
    let secret = f.app.idp.associate_software_token().access_token(&access).send().await.unwrap().secret_code;
    let secret = secret.unwrap();
    let wrong = if f.code(&secret, 0) == "000000" { "111111" } else { "000000" };
    let mismatch = f.app.idp.verify_software_token().access_token(&access).user_code(wrong).send().await;
    let short = f.app.idp.verify_software_token().access_token(&access).user_code("12345").send().await;
    let premature = f
        .app
        .idp
        .set_user_mfa_preference()
        .access_token(&access)
        .software_token_mfa_settings(SoftwareTokenMfaSettingsType::builder().enabled(true).build())
        .send()
        .await;

    // Assert
    assert_eq!(err(not_associated.unwrap_err()).split(':').next(), Some("SoftwareTokenMFANotFoundException"));
    assert_eq!(err(mismatch.unwrap_err()), "EnableSoftwareTokenMFAException: Code mismatch");
    assert_eq!(
        err(short.unwrap_err()),
        "InvalidParameterException: 1 validation error detected: Value at 'userCode' failed to satisfy \
         constraint: Member must have length greater than or equal to 6"
    );
    assert_eq!(
        err(premature.unwrap_err()),
        "InvalidParameterException: User has not verified software token mfa"
    );
    assert_eq!(f.sign_in().await.challenge_name, None, "no factor enabled yet");
}

#[tokio::test]
async fn a_pool_with_mfa_on_makes_a_user_without_a_factor_set_one_up() {
    // Arrange
    let f = fixture(UserPoolMfaType::On, TOTP_ONLY).await;

    // Act
    let (session, parameters) = f.challenged(ChallengeNameType::MfaSetup).await;
    let skipped = f.answer(ChallengeNameType::MfaSetup, &session, "USERNAME", "alice").await;
    let (session, _) = f.challenged(ChallengeNameType::MfaSetup).await;
    let associated = f.app.idp.associate_software_token().session(&session).send().await.unwrap();
    let secret = associated.secret_code.unwrap();
    let verified = f
        .app
        .idp
        .verify_software_token()
        .session(associated.session.unwrap())
        .user_code(f.code(&secret, 0))
        .send()
        .await
        .unwrap();
    let done =
        f.answer(ChallengeNameType::MfaSetup, &verified.session.clone().unwrap(), "USERNAME", "alice").await;
    let reused = f.answer(ChallengeNameType::MfaSetup, &verified.session.unwrap(), "USERNAME", "alice").await;
    f.clock.advance_secs(totp::STEP);
    let (next, _) = f.challenged(ChallengeNameType::SoftwareTokenMfa).await;
    let signed_in = f.answer_totp(&next, &f.code(&secret, 0)).await;

    // Assert
    assert_eq!(parameters.get("MFAS_CAN_SETUP").map(String::as_str), Some(r#"["SOFTWARE_TOKEN_MFA"]"#));
    assert_eq!(skipped.unwrap_err(), "NotAuthorizedException: Invalid session for the user.");
    assert_eq!(verified.status, Some(VerifySoftwareTokenResponseType::Success));
    assert!(done.unwrap().authentication_result.is_some());
    assert!(reused.is_err(), "the setup session is single-use");
    assert!(signed_in.unwrap().authentication_result.is_some());
}

#[tokio::test]
async fn srp_sign_in_ends_in_the_software_token_challenge() {
    // Arrange: the SRP client signs TIMESTAMP with the real time.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    let f =
        fixture_at(Arc::new(FixedClock::new(now.as_millis() as i64)), UserPoolMfaType::Optional, TOTP_ONLY)
            .await;
    let secret = f.enrol().await;
    f.clock.advance_secs(totp::STEP);
    let srp = SrpClient::new(User::new(&f.pool, "alice", PASSWORD), &f.client, None);
    let UserAuthenticationParameters { a, username } = srp.get_auth_parameters();

    // Act
    let challenge = f
        .app
        .idp
        .initiate_auth()
        .client_id(&f.client)
        .auth_flow(AuthFlowType::UserSrpAuth)
        .auth_parameters("USERNAME", &username)
        .auth_parameters("SRP_A", a)
        .send()
        .await
        .unwrap();
    let p = challenge.challenge_parameters.unwrap();
    let v = srp.verify(&p["SECRET_BLOCK"], &p["USER_ID_FOR_SRP"], &p["SALT"], &p["SRP_B"]).unwrap();
    let claimed = f
        .app
        .idp
        .respond_to_auth_challenge()
        .client_id(&f.client)
        .challenge_name(ChallengeNameType::PasswordVerifier)
        .challenge_responses("USERNAME", &p["USER_ID_FOR_SRP"])
        .challenge_responses("PASSWORD_CLAIM_SECRET_BLOCK", &v.password_claim_secret_block)
        .challenge_responses("PASSWORD_CLAIM_SIGNATURE", &v.password_claim_signature)
        .challenge_responses("TIMESTAMP", &v.timestamp)
        .send()
        .await
        .unwrap();
    let session = claimed.session.clone().expect("MFA session");
    let wrong =
        f.answer_totp(&session, if f.code(&secret, 0) == "000000" { "111111" } else { "000000" }).await;
    let out = f
        .app
        .idp
        .respond_to_auth_challenge()
        .client_id(&f.client)
        .challenge_name(ChallengeNameType::PasswordVerifier)
        .challenge_responses("USERNAME", &p["USER_ID_FOR_SRP"])
        .challenge_responses("PASSWORD_CLAIM_SECRET_BLOCK", &v.password_claim_secret_block)
        .challenge_responses("PASSWORD_CLAIM_SIGNATURE", &v.password_claim_signature)
        .challenge_responses("TIMESTAMP", &v.timestamp)
        .send()
        .await;

    // Assert
    assert_eq!(claimed.challenge_name, Some(ChallengeNameType::SoftwareTokenMfa));
    assert!(claimed.authentication_result.is_none());
    assert_eq!(wrong.unwrap_err(), "CodeMismatchException: Invalid code received for user");
    assert!(out.is_err(), "the SRP secret block is single-use");
}

#[tokio::test]
async fn srp_sign_in_with_the_right_totp_code_gets_tokens() {
    // Arrange
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    let f =
        fixture_at(Arc::new(FixedClock::new(now.as_millis() as i64)), UserPoolMfaType::On, TOTP_ONLY).await;
    // In an ON pool, enrolment goes through MFA_SETUP.
    let (session, _) = f.challenged(ChallengeNameType::MfaSetup).await;
    let associated = f.app.idp.associate_software_token().session(&session).send().await.unwrap();
    let secret = associated.secret_code.unwrap();
    f.app
        .idp
        .verify_software_token()
        .session(associated.session.unwrap())
        .user_code(f.code(&secret, 0))
        .send()
        .await
        .unwrap();
    f.clock.advance_secs(totp::STEP);
    let srp = SrpClient::new(User::new(&f.pool, "alice", PASSWORD), &f.client, None);
    let UserAuthenticationParameters { a, username } = srp.get_auth_parameters();

    // Act
    let p = f
        .app
        .idp
        .initiate_auth()
        .client_id(&f.client)
        .auth_flow(AuthFlowType::UserSrpAuth)
        .auth_parameters("USERNAME", &username)
        .auth_parameters("SRP_A", a)
        .send()
        .await
        .unwrap()
        .challenge_parameters
        .unwrap();
    let v = srp.verify(&p["SECRET_BLOCK"], &p["USER_ID_FOR_SRP"], &p["SALT"], &p["SRP_B"]).unwrap();
    let claimed = f
        .app
        .idp
        .respond_to_auth_challenge()
        .client_id(&f.client)
        .challenge_name(ChallengeNameType::PasswordVerifier)
        .challenge_responses("USERNAME", &p["USER_ID_FOR_SRP"])
        .challenge_responses("PASSWORD_CLAIM_SECRET_BLOCK", &v.password_claim_secret_block)
        .challenge_responses("PASSWORD_CLAIM_SIGNATURE", &v.password_claim_signature)
        .challenge_responses("TIMESTAMP", &v.timestamp)
        .send()
        .await
        .unwrap();
    let out = f.answer_totp(&claimed.session.unwrap(), &f.code(&secret, 0)).await;

    // Assert
    assert_eq!(claimed.challenge_name, Some(ChallengeNameType::SoftwareTokenMfa));
    assert!(out.unwrap().authentication_result.unwrap().refresh_token.is_some());
}

#[tokio::test]
async fn several_factors_without_a_preference_get_select_mfa_type_then_an_email_code() {
    // Arrange
    let f = fixture(UserPoolMfaType::Optional, Factors { totp: true, sms: false, email: true }).await;
    let secret = f.enrol().await;
    f.app
        .idp
        .admin_set_user_mfa_preference()
        .user_pool_id(&f.pool)
        .username("alice")
        .software_token_mfa_settings(
            SoftwareTokenMfaSettingsType::builder().enabled(true).preferred_mfa(false).build(),
        )
        .email_mfa_settings(EmailMfaSettingsType::builder().enabled(true).build())
        .send()
        .await
        .unwrap();

    // Act
    let (session, parameters) = f.challenged(ChallengeNameType::SelectMfaType).await;
    let chosen = f.answer(ChallengeNameType::SelectMfaType, &session, "ANSWER", "EMAIL_OTP").await.unwrap();
    let message = f.outbox_code("EMAIL_OTP").await;
    let wrong = if message.code == "000000" { "111111" } else { "000000" };
    let refused = f
        .answer(ChallengeNameType::EmailOtp, chosen.session.as_deref().unwrap(), "EMAIL_OTP_CODE", wrong)
        .await;
    let (session, _) = f.challenged(ChallengeNameType::SelectMfaType).await;
    let chosen_again =
        f.answer(ChallengeNameType::SelectMfaType, &session, "ANSWER", "EMAIL_OTP").await.unwrap();
    let message_again = f.outbox_code("EMAIL_OTP").await;
    let out = f
        .answer(
            ChallengeNameType::EmailOtp,
            chosen_again.session.as_deref().unwrap(),
            "EMAIL_OTP_CODE",
            &message_again.code,
        )
        .await;

    // Assert
    let mut choices: Vec<String> = serde_json::from_str(&parameters["MFAS_CAN_CHOOSE"]).unwrap();
    choices.sort();
    assert_eq!(choices, vec!["EMAIL_OTP", "SOFTWARE_TOKEN_MFA"]);
    assert_eq!(chosen.challenge_name, Some(ChallengeNameType::EmailOtp));
    let p = chosen.challenge_parameters.unwrap();
    assert_eq!(p["CODE_DELIVERY_DELIVERY_MEDIUM"], "EMAIL");
    assert_eq!(p["CODE_DELIVERY_DESTINATION"], "a***@e***");
    assert_eq!(message.destination, "alice@example.com");
    assert_eq!(refused.unwrap_err(), "CodeMismatchException: Invalid code or auth state for the user.");
    assert!(out.unwrap().authentication_result.is_some());
    assert_eq!(secret.len(), 32);
}

#[tokio::test]
async fn sms_mfa_codes_are_delivered_through_the_outbox() {
    // Arrange
    let f = fixture(UserPoolMfaType::Optional, Factors { totp: false, sms: true, email: false }).await;
    f.app
        .idp
        .admin_set_user_mfa_preference()
        .user_pool_id(&f.pool)
        .username("alice")
        .sms_mfa_settings(SmsMfaSettingsType::builder().enabled(true).preferred_mfa(true).build())
        .send()
        .await
        .unwrap();

    // Act
    let (session, parameters) = f.challenged(ChallengeNameType::SmsMfa).await;
    let message = f.outbox_code("SMS_MFA").await;
    let out = f.answer(ChallengeNameType::SmsMfa, &session, "SMS_MFA_CODE", &message.code).await;
    let (session, _) = f.challenged(ChallengeNameType::SmsMfa).await;
    let replayed = f.answer(ChallengeNameType::SmsMfa, &session, "SMS_MFA_CODE", &message.code).await;

    // Assert
    assert_eq!(parameters["CODE_DELIVERY_DELIVERY_MEDIUM"], "SMS");
    assert_eq!(parameters["CODE_DELIVERY_DESTINATION"], "+*******0123");
    assert_eq!(message.delivery_medium, "SMS");
    assert_eq!(message.destination, "+15555550123");
    assert!(out.unwrap().authentication_result.is_some());
    assert_eq!(replayed.unwrap_err(), "CodeMismatchException: Invalid code or auth state for the user.");
}

#[tokio::test]
async fn a_pool_with_mfa_on_sends_an_sms_code_to_a_user_with_a_phone_number_and_no_factor() {
    // Arrange
    let f = fixture(UserPoolMfaType::On, Factors { totp: true, sms: true, email: false }).await;

    // Act
    let (session, _) = f.challenged(ChallengeNameType::SmsMfa).await;
    let message = f.outbox_code("SMS_MFA").await;
    let out = f.answer(ChallengeNameType::SmsMfa, &session, "SMS_MFA_CODE", &message.code).await;

    // Assert
    assert!(out.unwrap().authentication_result.is_some());
}

#[tokio::test]
async fn the_legacy_user_settings_turn_sms_mfa_on_and_off() {
    // Arrange
    let f = fixture(UserPoolMfaType::Optional, Factors { totp: false, sms: true, email: false }).await;
    let sms = aws_sdk_cognitoidentityprovider::types::MfaOptionType::builder()
        .delivery_medium(aws_sdk_cognitoidentityprovider::types::DeliveryMediumType::Sms)
        .attribute_name("phone_number")
        .build();
    let access = f.sign_in().await.authentication_result.unwrap().access_token.unwrap();

    // Act: the user turns SMS MFA on with SetUserSettings.
    f.app.idp.set_user_settings().access_token(&access).mfa_options(sms.clone()).send().await.unwrap();

    // Assert: the next sign-in asks for an SMS code.
    let (_, parameters) = f.challenged(ChallengeNameType::SmsMfa).await;
    assert_eq!(parameters["CODE_DELIVERY_DELIVERY_MEDIUM"], "SMS");
    // An empty list (the admin form) turns it off again.
    f.app
        .idp
        .admin_set_user_settings()
        .user_pool_id(&f.pool)
        .username("alice")
        .set_mfa_options(Some(vec![]))
        .send()
        .await
        .unwrap();
    assert!(f.sign_in().await.authentication_result.is_some(), "no MFA any more");
    // Email is not a legacy option; an unknown user is an admin error.
    let email = aws_sdk_cognitoidentityprovider::types::MfaOptionType::builder()
        .delivery_medium(aws_sdk_cognitoidentityprovider::types::DeliveryMediumType::Email)
        .attribute_name("email")
        .build();
    let err =
        f.app.idp.set_user_settings().access_token(&access).mfa_options(email).send().await.unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
    let err = f
        .app
        .idp
        .admin_set_user_settings()
        .user_pool_id(&f.pool)
        .username("nobody")
        .mfa_options(sms)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "UserNotFoundException");
}

#[tokio::test]
async fn an_admin_deletes_a_lost_software_token_and_the_user_can_enrol_again() {
    // Arrange: alice signs in with a TOTP factor she prefers.
    let f = fixture(UserPoolMfaType::Optional, Factors { totp: true, sms: false, email: false }).await;
    f.enrol().await;
    f.app
        .idp
        .admin_set_user_mfa_preference()
        .user_pool_id(&f.pool)
        .username("alice")
        .software_token_mfa_settings(
            SoftwareTokenMfaSettingsType::builder().enabled(true).preferred_mfa(true).build(),
        )
        .send()
        .await
        .unwrap();
    f.challenged(ChallengeNameType::SoftwareTokenMfa).await;
    let body = serde_json::json!({"UserPoolId": f.pool, "Username": "alice"}).to_string();

    // Act (the Rust SDK of this version predates the operation: raw JSON 1.1, as the CLI sends it)
    let (status, answer, _) = f.app.raw("AdminDeleteSoftwareToken", &body).await;

    // Assert
    assert_eq!(status, 200, "{answer}");
    let user = f.app.idp.admin_get_user().user_pool_id(&f.pool).username("alice").send().await.unwrap();
    assert!(user.user_mfa_setting_list().is_empty(), "{:?}", user.user_mfa_setting_list());
    assert!(f.sign_in().await.authentication_result.is_some(), "no TOTP challenge any more");
    f.enrol().await;
    let (status, answer, _) = f.app.raw("AdminDeleteSoftwareToken", &body).await;
    assert_eq!(status, 200, "a new token can be enrolled and deleted again: {answer}");
    let (status, answer, _) = f.app.raw("AdminDeleteSoftwareToken", &body).await;
    assert_eq!((status, answer["__type"].as_str()), (400, Some("SoftwareTokenMFANotFoundException")));
}
