//! USER_SRP_AUTH and the PASSWORD_VERIFIER challenge, through the AWS SDK for Rust with an
//! independent SRP client (the `aws-cognito-srp` crate computes SRP_A, the password claim
//! signature and TIMESTAMP). It signs TIMESTAMP with the real time, so fixed clocks here
//! start at the real time and move by seconds only.

use std::sync::Arc;
use std::time::Instant;

use aws_cognito_srp::{SrpClient, User, UserAuthenticationParameters, VerificationParameters};
use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput;
use aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeOutput;
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, AuthFlowType, ChallengeNameType, ExplicitAuthFlowsType, MessageActionType,
    PreventUserExistenceErrorTypes, UsernameAttributeType,
};
use incognito::clock::FixedClock;
use incognito::user_pools::sign_in::client::secret_hash;

use crate::helpers::{Options, TestApp, code, message};

const PASSWORD: &str = "Correct-Horse-9";
const NEW_PASSWORD: &str = "Battery-Staple-7";

struct Fixture {
    app: TestApp,
    pool: String,
    client: String,
    secret: Option<String>,
}

struct ClientConfig {
    secret: bool,
    flows: Vec<ExplicitAuthFlowsType>,
    prevent: bool,
}

impl Default for ClientConfig {
    /// No ExplicitAuthFlows: AWS's defaults, which include ALLOW_USER_SRP_AUTH.
    fn default() -> Self {
        Self { secret: false, flows: vec![], prevent: false }
    }
}

async fn fixture_with(options: Options, email_usernames: bool, config: ClientConfig) -> Fixture {
    let app = TestApp::spawn_with(options).await;
    let pool = if email_usernames {
        app.idp
            .create_user_pool()
            .pool_name(format!("pool-{}", uuid::Uuid::new_v4().simple()))
            .username_attributes(UsernameAttributeType::Email)
            .send()
            .await
            .unwrap()
            .user_pool
            .unwrap()
            .id
            .unwrap()
    } else {
        app.pool().await
    };
    let mut create = app
        .idp
        .create_user_pool_client()
        .user_pool_id(&pool)
        .client_name("app")
        .generate_secret(config.secret);
    for f in config.flows {
        create = create.explicit_auth_flows(f);
    }
    if config.prevent {
        create = create.prevent_user_existence_errors(PreventUserExistenceErrorTypes::Enabled);
    }
    let created = create.send().await.unwrap().user_pool_client.unwrap();
    Fixture { app, pool, client: created.client_id.unwrap(), secret: created.client_secret }
}

async fn fixture() -> Fixture {
    fixture_with(Options::default(), false, ClientConfig::default()).await
}

/// A clock at the real time, which the SRP client signs.
fn real_time_clock() -> Arc<FixedClock> {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    Arc::new(FixedClock::new(now.as_millis() as i64))
}

fn err<E, R>(e: aws_sdk_cognitoidentityprovider::error::SdkError<E, R>) -> String
where
    E: aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata,
{
    format!("{}: {}", code(&e), message(&e))
}

/// The PASSWORD_VERIFIER challenge, as the client needs it.
struct Challenge {
    user_id_for_srp: String,
    username: String,
    verification: VerificationParameters,
}

impl Fixture {
    /// Creates a user with AdminCreateUser and a permanent password.
    async fn user(&self, username: &str, email: &str) {
        self.app
            .idp
            .admin_create_user()
            .user_pool_id(&self.pool)
            .username(username)
            .user_attributes(AttributeType::builder().name("email").value(email).build().unwrap())
            .user_attributes(AttributeType::builder().name("email_verified").value("true").build().unwrap())
            .message_action(MessageActionType::Suppress)
            .send()
            .await
            .unwrap();
        self.app
            .idp
            .admin_set_user_password()
            .user_pool_id(&self.pool)
            .username(username)
            .password(PASSWORD)
            .permanent(true)
            .send()
            .await
            .unwrap();
    }

    fn srp_client(&self, username: &str, password: &str) -> SrpClient<User> {
        SrpClient::new(User::new(&self.pool, username, password), &self.client, self.secret.as_deref())
    }

    fn hash_for(&self, username: &str) -> Option<String> {
        self.secret.as_deref().map(|s| secret_hash(s, username, &self.client))
    }

    /// InitiateAuth with USER_SRP_AUTH, and the client's answer to its challenge.
    async fn challenge(&self, username: &str, password: &str) -> Result<Challenge, String> {
        let srp = self.srp_client(username, password);
        let UserAuthenticationParameters { a, username } = srp.get_auth_parameters();
        let mut request = self
            .app
            .idp
            .initiate_auth()
            .client_id(&self.client)
            .auth_flow(AuthFlowType::UserSrpAuth)
            .auth_parameters("USERNAME", &username)
            .auth_parameters("SRP_A", a);
        if let Some(hash) = srp.get_secret_hash() {
            request = request.auth_parameters("SECRET_HASH", hash);
        }
        let out: InitiateAuthOutput = request.send().await.map_err(err)?;
        assert_eq!(out.challenge_name, Some(ChallengeNameType::PasswordVerifier));
        assert_eq!(out.session, None, "SRP carries its state in SECRET_BLOCK");
        let p = out.challenge_parameters.unwrap();
        let user_id_for_srp = p["USER_ID_FOR_SRP"].clone();
        assert_eq!(p["USERNAME"], user_id_for_srp);
        let verification = srp.verify(&p["SECRET_BLOCK"], &user_id_for_srp, &p["SALT"], &p["SRP_B"]).unwrap();
        Ok(Challenge { user_id_for_srp, username, verification })
    }

    /// RespondToAuthChallenge with PASSWORD_VERIFIER, sending USER_ID_FOR_SRP as USERNAME
    /// (what Amplify and pycognito send).
    async fn answer(&self, c: &Challenge) -> Result<RespondToAuthChallengeOutput, String> {
        let mut request = self
            .app
            .idp
            .respond_to_auth_challenge()
            .client_id(&self.client)
            .challenge_name(ChallengeNameType::PasswordVerifier)
            .challenge_responses("USERNAME", &c.user_id_for_srp)
            .challenge_responses("PASSWORD_CLAIM_SECRET_BLOCK", &c.verification.password_claim_secret_block)
            .challenge_responses("PASSWORD_CLAIM_SIGNATURE", &c.verification.password_claim_signature)
            .challenge_responses("TIMESTAMP", &c.verification.timestamp);
        if let Some(hash) = self.hash_for(&c.user_id_for_srp) {
            request = request.challenge_responses("SECRET_HASH", hash);
        }
        request.send().await.map_err(err)
    }

    /// A whole SRP sign-in.
    async fn srp(&self, username: &str, password: &str) -> Result<RespondToAuthChallengeOutput, String> {
        let c = self.challenge(username, password).await?;
        self.answer(&c).await
    }

    /// A whole SRP sign-in that must end in tokens; returns the username GetUser reports.
    async fn srp_tokens(&self, username: &str, password: &str) -> Result<String, String> {
        let out = self.srp(username, password).await?;
        let tokens = out.authentication_result.ok_or("no tokens")?;
        assert!(tokens.id_token.is_some() && tokens.refresh_token.is_some());
        let me =
            self.app.idp.get_user().access_token(tokens.access_token.unwrap()).send().await.map_err(err)?;
        Ok(me.username)
    }
}

fn idp(f: &Fixture) -> &Client {
    &f.app.idp
}

#[tokio::test]
async fn an_admin_created_user_signs_in_with_srp_and_gets_tokens() {
    // Arrange
    let f = fixture().await;
    f.user("alice", "alice@example.com").await;

    // Act
    let c = f.challenge("alice", PASSWORD).await.unwrap();
    let out = f.answer(&c).await.unwrap();

    // Assert
    assert_eq!(c.user_id_for_srp, "alice");
    assert_eq!(c.username, "alice");
    assert_eq!(out.challenge_name, None);
    let tokens = out.authentication_result.unwrap();
    let me = idp(&f).get_user().access_token(tokens.access_token.unwrap()).send().await.unwrap();
    assert_eq!(me.username, "alice");
}

#[tokio::test]
async fn admin_initiate_auth_offers_srp_too() {
    // Arrange
    let f = fixture().await;
    f.user("amy", "amy@example.com").await;
    let srp = f.srp_client("amy", PASSWORD);

    // Act
    let out = idp(&f)
        .admin_initiate_auth()
        .user_pool_id(&f.pool)
        .client_id(&f.client)
        .auth_flow(AuthFlowType::UserSrpAuth)
        .auth_parameters("USERNAME", "amy")
        .auth_parameters("SRP_A", srp.get_auth_parameters().a)
        .send()
        .await
        .unwrap();
    let p = out.challenge_parameters.unwrap();
    let v = srp.verify(&p["SECRET_BLOCK"], &p["USER_ID_FOR_SRP"], &p["SALT"], &p["SRP_B"]).unwrap();
    let answered = idp(&f)
        .admin_respond_to_auth_challenge()
        .user_pool_id(&f.pool)
        .client_id(&f.client)
        .challenge_name(ChallengeNameType::PasswordVerifier)
        .challenge_responses("USERNAME", "amy")
        .challenge_responses("PASSWORD_CLAIM_SECRET_BLOCK", v.password_claim_secret_block)
        .challenge_responses("PASSWORD_CLAIM_SIGNATURE", v.password_claim_signature)
        .challenge_responses("TIMESTAMP", v.timestamp)
        .send()
        .await
        .unwrap();

    // Assert
    assert_eq!(out.challenge_name, Some(ChallengeNameType::PasswordVerifier));
    assert!(answered.authentication_result.unwrap().access_token.is_some());
}

#[tokio::test]
async fn a_wrong_password_is_not_authorized() {
    let f = fixture().await;
    f.user("bob", "bob@example.com").await;
    assert_eq!(
        f.srp("bob", "Wrong-Horse-9").await.unwrap_err(),
        "NotAuthorizedException: Incorrect username or password."
    );
    let row = f.app.state.store.get_user(&f.pool, "bob").await.unwrap().unwrap();
    assert_eq!(row.failed_attempts, 1, "a wrong claim counts as a failed password");
    f.srp_tokens("bob", PASSWORD).await.unwrap();
    let row = f.app.state.store.get_user(&f.pool, "bob").await.unwrap().unwrap();
    assert_eq!(row.failed_attempts, 0, "a right claim resets the count");
}

#[tokio::test]
async fn five_wrong_srp_claims_lock_the_user() {
    // Arrange
    let clock = real_time_clock();
    let f =
        fixture_with(Options { clock: clock.clone(), ..Default::default() }, false, ClientConfig::default())
            .await;
    f.user("carol", "carol@example.com").await;

    // Act
    for _ in 0..5 {
        assert_eq!(
            f.srp("carol", "Wrong-Horse-9").await.unwrap_err(),
            "NotAuthorizedException: Incorrect username or password."
        );
    }
    let locked = f.srp("carol", PASSWORD).await.unwrap_err();
    // A challenge issued before the lock cannot be answered during it either.
    clock.advance_secs(1);
    let early = f.challenge("carol", PASSWORD).await.unwrap();
    assert_eq!(
        f.srp("carol", "Wrong-Horse-9").await.unwrap_err(),
        "NotAuthorizedException: Incorrect username or password.",
        "the sixth failure locks for 2 s"
    );
    let answered_while_locked = f.answer(&early).await.unwrap_err();
    clock.advance_secs(2);

    // Assert
    assert_eq!(locked, "NotAuthorizedException: Password attempts exceeded");
    assert_eq!(answered_while_locked, "NotAuthorizedException: Password attempts exceeded");
    assert_eq!(f.srp_tokens("carol", PASSWORD).await.unwrap(), "carol", "the lock has passed");
    let row = f.app.state.store.get_user(&f.pool, "carol").await.unwrap().unwrap();
    assert_eq!((row.failed_attempts, row.locked_until), (0, 0));
}

#[tokio::test]
async fn a_secret_block_is_single_use() {
    let f = fixture().await;
    f.user("dave", "dave@example.com").await;
    let c = f.challenge("dave", PASSWORD).await.unwrap();
    f.answer(&c).await.unwrap();
    assert_eq!(f.answer(&c).await.unwrap_err(), "NotAuthorizedException: Invalid session for the user.");
}

#[tokio::test]
async fn a_secret_block_expires_with_the_auth_session() {
    let clock = real_time_clock();
    let f =
        fixture_with(Options { clock: clock.clone(), ..Default::default() }, false, ClientConfig::default())
            .await;
    f.user("dora", "dora@example.com").await;
    let c = f.challenge("dora", PASSWORD).await.unwrap();
    clock.advance_secs(181);
    assert_eq!(
        f.answer(&c).await.unwrap_err(),
        "NotAuthorizedException: Invalid session for the user, session is expired."
    );
}

#[tokio::test]
async fn a_tampered_answer_is_refused() {
    let f = fixture().await;
    f.user("ed", "ed@example.com").await;
    let mut c = f.challenge("ed", PASSWORD).await.unwrap();
    let mut block = c.verification.password_claim_secret_block.clone().into_bytes();
    block[10] = if block[10] == b'A' { b'B' } else { b'A' };
    let original =
        std::mem::replace(&mut c.verification.password_claim_secret_block, String::from_utf8(block).unwrap());
    assert_eq!(f.answer(&c).await.unwrap_err(), "NotAuthorizedException: Incorrect username or password.");
    c.verification.password_claim_secret_block = original;
    c.verification.timestamp = "Thu Jan 1 00:00:00 UTC 1970".into();
    assert_eq!(
        f.answer(&c).await.unwrap_err(),
        "NotAuthorizedException: Incorrect username or password.",
        "a TIMESTAMP far from now"
    );
    let c = f.challenge("ed", PASSWORD).await.unwrap();
    f.answer(&c).await.expect("a fresh challenge still works");
}

#[tokio::test]
async fn clients_with_a_secret_need_secret_hash() {
    // Arrange
    let f =
        fixture_with(Options::default(), false, ClientConfig { secret: true, ..Default::default() }).await;
    f.user("fay", "fay@example.com").await;

    // Act
    let without = idp(&f)
        .initiate_auth()
        .client_id(&f.client)
        .auth_flow(AuthFlowType::UserSrpAuth)
        .auth_parameters("USERNAME", "fay")
        .auth_parameters("SRP_A", f.srp_client("fay", PASSWORD).get_auth_parameters().a)
        .send()
        .await
        .unwrap_err();

    // Assert
    assert_eq!(
        err(without),
        format!(
            "NotAuthorizedException: Client {} is configured with secret but SECRET_HASH was not received",
            f.client
        )
    );
    assert_eq!(f.srp_tokens("fay", PASSWORD).await.unwrap(), "fay");
}

#[tokio::test]
async fn email_username_pools_use_the_uuid_username_for_srp() {
    // Arrange
    let f = fixture_with(Options::default(), true, ClientConfig::default()).await;
    f.user("gil@example.com", "gil@example.com").await;

    // Act
    let c = f.challenge("gil@example.com", PASSWORD).await.unwrap();
    let out = f.answer(&c).await.unwrap();

    // Assert
    assert!(uuid::Uuid::parse_str(&c.user_id_for_srp).is_ok(), "{}", c.user_id_for_srp);
    assert!(out.authentication_result.is_some());
    assert_eq!(
        f.srp("gil@example.com", "Wrong-Horse-9").await.unwrap_err().split(':').next(),
        Some("NotAuthorizedException")
    );
}

#[tokio::test]
async fn a_user_with_a_temporary_password_gets_new_password_required() {
    // Arrange
    let f = fixture().await;
    idp(&f)
        .admin_create_user()
        .user_pool_id(&f.pool)
        .username("hal")
        .temporary_password("Temporary-Pass-1")
        .message_action(MessageActionType::Suppress)
        .send()
        .await
        .unwrap();

    // Act
    let out = f.srp("hal", "Temporary-Pass-1").await.unwrap();
    let set = idp(&f)
        .respond_to_auth_challenge()
        .client_id(&f.client)
        .challenge_name(ChallengeNameType::NewPasswordRequired)
        .session(out.session.clone().unwrap())
        .challenge_responses("USERNAME", "hal")
        .challenge_responses("NEW_PASSWORD", NEW_PASSWORD)
        .send()
        .await
        .unwrap();

    // Assert
    assert_eq!(out.challenge_name, Some(ChallengeNameType::NewPasswordRequired));
    assert_eq!(out.challenge_parameters.unwrap()["USER_ID_FOR_SRP"], "hal");
    assert!(set.authentication_result.is_some());
    assert_eq!(f.srp_tokens("hal", NEW_PASSWORD).await.unwrap(), "hal", "the new password sets the verifier");
    assert!(f.srp("hal", "Temporary-Pass-1").await.is_err());
}

#[tokio::test]
async fn changed_and_reset_passwords_sign_in_with_srp() {
    // Arrange
    let f = fixture().await;
    f.user("ivy", "ivy@example.com").await;
    let tokens = f.srp("ivy", PASSWORD).await.unwrap().authentication_result.unwrap();

    // Act: ChangePassword.
    idp(&f)
        .change_password()
        .access_token(tokens.access_token.unwrap())
        .previous_password(PASSWORD)
        .proposed_password(NEW_PASSWORD)
        .send()
        .await
        .unwrap();

    // Assert
    assert_eq!(f.srp_tokens("ivy", NEW_PASSWORD).await.unwrap(), "ivy");
    assert_eq!(
        f.srp("ivy", PASSWORD).await.unwrap_err(),
        "NotAuthorizedException: Incorrect username or password."
    );

    // Act: ForgotPassword + ConfirmForgotPassword.
    idp(&f).forgot_password().client_id(&f.client).username("ivy").send().await.unwrap();
    let messages =
        incognito::user_pools::outbox::list(&f.app.state.user_pools, &f.pool, Some("ivy"), 50).await.unwrap();
    let reset = messages.into_iter().find(|m| m.kind == "FORGOT_PASSWORD").unwrap().code;
    idp(&f)
        .confirm_forgot_password()
        .client_id(&f.client)
        .username("ivy")
        .confirmation_code(reset)
        .password("Third-Pass-word-3")
        .send()
        .await
        .unwrap();

    // Assert
    assert_eq!(f.srp_tokens("ivy", "Third-Pass-word-3").await.unwrap(), "ivy");
    assert!(f.srp("ivy", NEW_PASSWORD).await.is_err());
}

#[tokio::test]
async fn a_signed_up_user_signs_in_with_srp_once_confirmed() {
    let f = fixture().await;
    idp(&f)
        .sign_up()
        .client_id(&f.client)
        .username("jo")
        .password(PASSWORD)
        .user_attributes(AttributeType::builder().name("email").value("jo@example.com").build().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(f.srp("jo", PASSWORD).await.unwrap_err().split(':').next(), Some("UserNotConfirmedException"));
    idp(&f).admin_confirm_sign_up().user_pool_id(&f.pool).username("jo").send().await.unwrap();
    assert_eq!(f.srp_tokens("jo", PASSWORD).await.unwrap(), "jo");
}

#[tokio::test]
async fn disabled_users_are_refused_after_a_right_claim() {
    let f = fixture().await;
    f.user("kim", "kim@example.com").await;
    idp(&f).admin_disable_user().user_pool_id(&f.pool).username("kim").send().await.unwrap();
    assert_eq!(f.srp("kim", PASSWORD).await.unwrap_err(), "NotAuthorizedException: User is disabled.");
}

#[tokio::test]
async fn unknown_users_are_not_found_or_get_a_stand_in_challenge() {
    // Arrange
    let open = fixture().await;
    let hidden =
        fixture_with(Options::default(), false, ClientConfig { prevent: true, ..Default::default() }).await;

    // Act
    let not_found = open.srp("nobody", PASSWORD).await.unwrap_err();
    let first = hidden.challenge("nobody", PASSWORD).await.unwrap();
    let again = hidden.challenge("nobody", PASSWORD).await.unwrap();
    let answered = hidden.answer(&first).await.unwrap_err();

    // Assert
    assert_eq!(not_found, "UserNotFoundException: User does not exist.");
    assert_eq!(first.user_id_for_srp, "nobody");
    assert_ne!(
        first.verification.password_claim_secret_block,
        again.verification.password_claim_secret_block
    );
    assert_eq!(answered, "NotAuthorizedException: Incorrect username or password.");
}

#[tokio::test]
async fn clients_that_do_not_allow_srp_refuse_it() {
    let f = fixture_with(
        Options::default(),
        false,
        ClientConfig { flows: vec![ExplicitAuthFlowsType::AllowUserPasswordAuth], ..Default::default() },
    )
    .await;
    f.user("lee", "lee@example.com").await;
    assert_eq!(
        f.srp("lee", PASSWORD).await.unwrap_err(),
        "InvalidParameterException: USER_SRP_AUTH flow not enabled for this client"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_srp_sign_ins_all_succeed() {
    // Arrange
    let f = Arc::new(fixture().await);
    const USERS: usize = 10;
    const LOGINS: usize = 1000;
    for i in 0..USERS {
        f.user(&format!("user{i}"), &format!("user{i}@example.com")).await;
    }

    // Act: a few sign-ins in flight at a time. The client's arithmetic (about 20 ms a login
    // here) costs more than the server's.
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..4 {
        let f = f.clone();
        tasks.spawn(async move {
            let mut failures = Vec::new();
            for n in (worker..LOGINS).step_by(4) {
                let name = format!("user{}", n % USERS);
                match f.srp(&name, PASSWORD).await {
                    Ok(out)
                        if out.authentication_result.as_ref().is_some_and(|t| t.access_token.is_some()) => {}
                    Ok(out) => failures.push(format!("login {n} as {name}: {:?}", out.challenge_name)),
                    Err(e) => failures.push(format!("login {n} as {name}: {e}")),
                }
            }
            failures
        });
    }
    let failures: Vec<String> = tasks.join_all().await.into_iter().flatten().collect();

    // Assert
    assert!(failures.is_empty(), "{} failed, first: {:?}", failures.len(), failures.first());
    eprintln!("{LOGINS} SRP sign-ins in {:?}", started.elapsed());
}
