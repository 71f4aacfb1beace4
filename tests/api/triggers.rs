//! Lambda triggers through both transports: a test HTTP hook server that answers each event
//! the way a Lambda function would (the event back with `response` filled in, or Lambda's
//! `{"errorMessage"}` on failure, or nothing, or garbage), and a stand-in for the Lambda
//! Invoke API. Every trigger source the JSON API fires, each failure shape, and that a
//! failing trigger leaves nothing half-written.

use std::sync::{Arc, Mutex};

use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, AuthFlowType, ChallengeNameType, ExplicitAuthFlowsType, LambdaConfigType,
    PreTokenGenerationLambdaVersionType, PreTokenGenerationVersionConfigType,
};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use crate::helpers::{Options, TestApp, code, message};

const REGION_ARN: &str = "arn:aws:lambda:us-east-1:000000000000:function:";

/// What a hook does with an event.
#[derive(Clone)]
pub enum Reply {
    /// The event with this `response`.
    Respond(Value),
    /// Lambda's shape of a function error.
    Fail(&'static str),
    /// An HTTP status with a plain body.
    Status(u16),
    /// A body that is not JSON.
    Garbage,
    /// Never answer.
    Hang,
    /// Run this (e.g. an admin call the function makes) and then answer with `response`.
    After(
        Value,
        Arc<dyn Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> + Send + Sync>,
    ),
}

type Handler = Arc<dyn Fn(&str, &Value) -> Reply + Send + Sync>;

#[derive(Clone)]
pub struct Hooks {
    events: Arc<Mutex<Vec<(String, Value)>>>,
    handler: Arc<Mutex<Handler>>,
    /// Authorization headers the Invoke stand-in saw.
    signatures: Arc<Mutex<Vec<String>>>,
}

impl Hooks {
    pub fn events(&self, function: &str) -> Vec<Value> {
        self.events.lock().unwrap().iter().filter(|(f, _)| f == function).map(|(_, e)| e.clone()).collect()
    }

    pub fn last(&self, function: &str) -> Value {
        self.events(function).pop().unwrap_or_else(|| panic!("{function} was not called"))
    }

    pub fn set(&self, handler: impl Fn(&str, &Value) -> Reply + Send + Sync + 'static) {
        *self.handler.lock().unwrap() = Arc::new(handler);
    }
}

async fn answer(hooks: &Hooks, function: String, event: Value) -> Response {
    hooks.events.lock().unwrap().push((function.clone(), event.clone()));
    let handler = hooks.handler.lock().unwrap().clone();
    match handler(&function, &event) {
        Reply::Respond(response) => {
            let mut event = event;
            event["response"] = response;
            Json(event).into_response()
        }
        Reply::Fail(message) => {
            (StatusCode::BAD_REQUEST, Json(json!({"errorMessage": message, "errorType": "Error"})))
                .into_response()
        }
        Reply::Status(status) => (StatusCode::from_u16(status).unwrap(), "oops").into_response(),
        Reply::Garbage => (StatusCode::OK, "<html>not json</html>").into_response(),
        Reply::Hang => std::future::pending().await,
        Reply::After(response, work) => {
            work().await;
            let mut event = event;
            event["response"] = response;
            Json(event).into_response()
        }
    }
}

async fn hook(
    State(hooks): State<Hooks>,
    Path(function): Path<String>,
    Json(event): Json<Value>,
) -> Response {
    answer(&hooks, function, event).await
}

/// The Lambda Invoke API as the runtime interface emulator serves it: the function's result
/// as the body, a function error flagged by `X-Amz-Function-Error`.
async fn invoke(
    State(hooks): State<Hooks>,
    Path(arn): Path<String>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    // The signature is checked as AWS would check it: the request as it arrived, with the
    // secret the server was configured with.
    if let Some(auth) = headers.get("authorization") {
        let auth = incognito::crypto::sigv4::parse_authorization(auth.to_str().unwrap()).unwrap();
        let mut signed = headers.clone();
        signed.insert("host", headers["host"].clone());
        let verdict = incognito::crypto::sigv4::verify(
            &axum::http::Method::POST,
            &uri,
            &signed,
            &body,
            &auth,
            "trigger-secret",
            chrono::Utc::now(),
        );
        hooks.signatures.lock().unwrap().push(format!(
            "{} {}/{}/{} {:?}",
            auth.access_key_id,
            auth.region,
            auth.service,
            uri.path(),
            verdict
        ));
    }
    let function = arn.rsplit(':').next().unwrap().to_string();
    if function == "missing" {
        return (
            StatusCode::NOT_FOUND,
            [("x-amzn-errortype", "ResourceNotFoundException:http://internal/")],
            "{}",
        )
            .into_response();
    }
    let event: Value = serde_json::from_slice(&body).unwrap();
    let response = answer(&hooks, function, event).await;
    if response.status() == StatusCode::BAD_REQUEST {
        let body = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
        return (StatusCode::OK, [("x-amz-function-error", "Unhandled")], body).into_response();
    }
    response
}

struct Fixture {
    app: TestApp,
    hooks: Hooks,
    pool: String,
    client: String,
}

pub fn arn(function: &str) -> String {
    format!("{REGION_ARN}{function}")
}

/// The functions the hook server serves, each at `/fn/<name>`.
const FUNCTIONS: &[&str] = &[
    "pre-sign-up",
    "custom-message",
    "post-confirmation",
    "pre-auth",
    "post-auth",
    "define",
    "create",
    "verify",
    "pre-token",
    "migrate",
    "email-sender",
];

/// Starts the hook server; its base URL. Every function answers `{}` until told otherwise.
pub async fn hook_server() -> (Hooks, String) {
    let hooks = Hooks {
        events: Arc::default(),
        handler: Arc::new(Mutex::new(Arc::new(|_: &str, _: &Value| Reply::Respond(json!({}))))),
        signatures: Arc::default(),
    };
    let router = axum::Router::new()
        .route("/fn/{function}", axum::routing::post(hook))
        .route("/2015-03-31/functions/{arn}/invocations", axum::routing::post(invoke))
        .with_state(hooks.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (hooks, base)
}

/// The `[[triggers.hooks]]` that send every function to the hook server at `base`.
pub fn hook_config(base: &str) -> Vec<incognito::config::TriggerHook> {
    FUNCTIONS
        .iter()
        .map(|f| incognito::config::TriggerHook { function: f.to_string(), url: format!("{base}/fn/{f}") })
        .collect()
}

/// Starts the hook server and incognito with every function served by it (over plain
/// HTTP, or with `invoke_api` through the Invoke API), and a pool with an app client.
async fn fixture_with(invoke_api: bool, timeout_ms: u64) -> Fixture {
    let (hooks, base) = hook_server().await;
    let hook_base = base.clone();
    let app = TestApp::spawn_with(Options {
        configure: Some(Box::new(move |c| {
            c.triggers.timeout_ms = timeout_ms;
            if invoke_api {
                c.triggers.lambda_endpoint = Some(hook_base);
                c.triggers.access_key_id = Some("AKIDTRIGGERS".into());
                c.triggers.secret_access_key = Some("trigger-secret".to_string().into());
            } else {
                c.triggers.hooks = hook_config(&hook_base);
            }
        })),
        ..Options::default()
    })
    .await;
    let pool = app.pool().await;
    let client = app
        .idp
        .create_user_pool_client()
        .user_pool_id(&pool)
        .client_name("app")
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowCustomAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowAdminUserPasswordAuth)
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap()
        .client_id
        .unwrap();
    Fixture { app, hooks, pool, client }
}

async fn fixture() -> Fixture {
    fixture_with(false, 5_000).await
}

impl Fixture {
    /// Sets the pool's LambdaConfig (UpdateUserPool replaces it whole, as AWS does).
    async fn triggers(&self, config: LambdaConfigType) {
        self.app
            .idp
            .update_user_pool()
            .user_pool_id(&self.pool)
            .lambda_config(config)
            .auto_verified_attributes(aws_sdk_cognitoidentityprovider::types::VerifiedAttributeType::Email)
            .send()
            .await
            .unwrap();
        // Pools are cached for 5 s; the test sees its own change at once.
        self.app.state.user_pools.cache.invalidate_pool(&self.pool);
    }

    fn email(value: &str) -> AttributeType {
        AttributeType::builder().name("email").value(value).build().unwrap()
    }

    async fn sign_up(
        &self,
        username: &str,
    ) -> Result<
        aws_sdk_cognitoidentityprovider::operation::sign_up::SignUpOutput,
        aws_sdk_cognitoidentityprovider::error::SdkError<
            aws_sdk_cognitoidentityprovider::operation::sign_up::SignUpError,
        >,
    > {
        self.app
            .idp
            .sign_up()
            .client_id(&self.client)
            .username(username)
            .password("Passw0rd!")
            .user_attributes(Self::email(&format!("{username}@example.com")))
            .validation_data(AttributeType::builder().name("invite").value("abc").build().unwrap())
            .client_metadata("source", "test")
            .send()
            .await
    }

    async fn user_exists(&self, username: &str) -> Option<String> {
        match self.app.idp.admin_get_user().user_pool_id(&self.pool).username(username).send().await {
            Ok(user) => Some(user.user_status.unwrap().as_str().to_string()),
            Err(e) => {
                assert_eq!(code(&e), "UserNotFoundException");
                None
            }
        }
    }

    /// A confirmed user with a password, created without any trigger.
    async fn user(&self, username: &str) {
        let idp = &self.app.idp;
        idp.admin_create_user()
            .user_pool_id(&self.pool)
            .username(username)
            .user_attributes(Self::email(&format!("{username}@example.com")))
            .message_action(aws_sdk_cognitoidentityprovider::types::MessageActionType::Suppress)
            .send()
            .await
            .unwrap();
        idp.admin_set_user_password()
            .user_pool_id(&self.pool)
            .username(username)
            .password("Passw0rd!")
            .permanent(true)
            .send()
            .await
            .unwrap();
    }

    async fn password_sign_in(
        &self,
        username: &str,
        password: &str,
    ) -> Result<
        aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput,
        aws_sdk_cognitoidentityprovider::error::SdkError<
            aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthError,
        >,
    > {
        self.app
            .idp
            .initiate_auth()
            .client_id(&self.client)
            .auth_flow(AuthFlowType::UserPasswordAuth)
            .auth_parameters("USERNAME", username)
            .auth_parameters("PASSWORD", password)
            .client_metadata("device", "laptop")
            .send()
            .await
    }

    async fn messages(&self, username: &str) -> Vec<Value> {
        let url =
            format!("{}/_incognito/messages?userPoolId={}&username={username}", self.app.url, self.pool);
        let body: Value = reqwest::get(url).await.unwrap().json().await.unwrap();
        body["messages"].as_array().cloned().unwrap_or_default()
    }
}

fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

#[tokio::test]
async fn pre_sign_up_sees_the_cognito_event_and_can_confirm_and_verify() {
    // Arrange
    let f = fixture().await;
    f.triggers(LambdaConfigType::builder().pre_sign_up(arn("pre-sign-up")).build()).await;
    f.hooks.set(|_, _| Reply::Respond(json!({"autoConfirmUser": true, "autoVerifyEmail": true})));

    // Act
    let out = f.sign_up("amy").await.unwrap();

    // Assert: the event is Cognito's, and its answer took effect (no code was sent).
    let event = f.hooks.last("pre-sign-up");
    assert_eq!(event["version"], "1");
    assert_eq!(event["triggerSource"], "PreSignUp_SignUp");
    assert_eq!(event["region"], "us-east-1");
    assert_eq!(event["userPoolId"], f.pool.as_str());
    assert_eq!(event["userName"], "amy");
    assert_eq!(event["callerContext"]["clientId"], f.client.as_str());
    assert_eq!(event["request"]["userAttributes"]["email"], "amy@example.com");
    assert_eq!(event["request"]["validationData"]["invite"], "abc");
    assert_eq!(event["request"]["clientMetadata"]["source"], "test");
    assert!(out.user_confirmed);
    assert!(out.code_delivery_details.is_none());
    assert_eq!(f.user_exists("amy").await.as_deref(), Some("CONFIRMED"));
    let user = f.app.idp.admin_get_user().user_pool_id(&f.pool).username("amy").send().await.unwrap();
    let verified =
        user.user_attributes().iter().find(|a| a.name() == "email_verified").and_then(|a| a.value());
    assert_eq!(verified, Some("true"));
    assert!(f.messages("amy").await.is_empty(), "an auto-confirmed user gets no code");

    // AdminCreateUser runs it with its own source, and ignores the flags.
    f.app
        .idp
        .admin_create_user()
        .user_pool_id(&f.pool)
        .username("ben")
        .user_attributes(Fixture::email("ben@example.com"))
        .send()
        .await
        .unwrap();
    let event = f.hooks.last("pre-sign-up");
    assert_eq!(event["triggerSource"], "PreSignUp_AdminCreateUser");
    assert_eq!(event["callerContext"]["clientId"], "CLIENT_ID_NOT_APPLICABLE");
    assert_eq!(f.user_exists("ben").await.as_deref(), Some("FORCE_CHANGE_PASSWORD"));
}

#[tokio::test]
async fn a_failing_pre_sign_up_answers_cognitos_error_and_creates_no_user() {
    // Arrange
    let f = fixture_with(false, 400).await;
    f.triggers(LambdaConfigType::builder().pre_sign_up(arn("pre-sign-up")).build()).await;
    let cases: Vec<(&str, Reply, &str, &str)> = vec![
        (
            "function error",
            Reply::Fail("Sign-ups are closed"),
            "UserLambdaValidationException",
            "PreSignUp failed with error Sign-ups are closed.",
        ),
        (
            "timeout",
            Reply::Hang,
            "UnexpectedLambdaException",
            "PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.",
        ),
        (
            "500",
            Reply::Status(500),
            "UnexpectedLambdaException",
            "PreSignUp invocation failed due to error HTTP 500.",
        ),
        (
            "not JSON",
            Reply::Garbage,
            "InvalidLambdaResponseException",
            "Invalid lambda function output : Invalid JSON",
        ),
        (
            "wrong shape",
            Reply::Respond(json!({"autoConfirmUser": "yes"})),
            "InvalidLambdaResponseException",
            "Unrecognizable lambda output",
        ),
        (
            "verify without confirm",
            Reply::Respond(json!({"autoVerifyEmail": true})),
            "InvalidParameterException",
            "Phone or email cannot be auto verified, when user is not being auto confirmed.",
        ),
    ];
    for (i, (what, reply, want_code, want_message)) in cases.into_iter().enumerate() {
        f.hooks.set(move |_, _| reply.clone());
        let username = format!("user{i}");

        // Act
        let err = f.sign_up(&username).await.unwrap_err();

        // Assert
        assert_eq!(code(&err), want_code, "{what}");
        assert_eq!(message(&err), want_message, "{what}");
        assert_eq!(f.user_exists(&username).await, None, "{what}: no user is left behind");
        assert!(f.messages(&username).await.is_empty(), "{what}: no code went out");
    }

    // An operator's AdminCreateUser is refused the same way.
    f.hooks.set(|_, _| Reply::Fail("No"));
    let err = f.app.idp.admin_create_user().user_pool_id(&f.pool).username("carl").send().await.unwrap_err();
    assert_eq!(message(&err), "PreSignUp failed with error No.");
    assert_eq!(f.user_exists("carl").await, None);
}

#[tokio::test]
async fn custom_message_rewrites_codes_and_invitations_but_needs_the_placeholders() {
    // Arrange
    let f = fixture().await;
    f.triggers(LambdaConfigType::builder().custom_message(arn("custom-message")).build()).await;
    f.hooks.set(|_, event| {
        let source = event["triggerSource"].as_str().unwrap();
        let code = event["request"]["codeParameter"].as_str().unwrap().to_string();
        match source {
            "CustomMessage_SignUp" => Reply::Respond(json!({
                "emailSubject": "Welcome to Acme",
                "emailMessage": format!("Hello {}, your Acme code is {code}", event["userName"].as_str().unwrap()),
            })),
            "CustomMessage_AdminCreateUser" => Reply::Respond(json!({
                "emailMessage": format!("Sign in as {} with {code}", event["request"]["usernameParameter"].as_str().unwrap()),
            })),
            // Without the code placeholder Cognito sends its own message.
            _ => Reply::Respond(json!({"emailMessage": "no code here"})),
        }
    });

    // Act
    f.sign_up("dora").await.unwrap();
    f.app
        .idp
        .admin_create_user()
        .user_pool_id(&f.pool)
        .username("eli")
        .user_attributes(Fixture::email("eli@example.com"))
        .desired_delivery_mediums(aws_sdk_cognitoidentityprovider::types::DeliveryMediumType::Email)
        .send()
        .await
        .unwrap();
    f.app.idp.resend_confirmation_code().client_id(&f.client).username("dora").send().await.unwrap();

    // Assert
    let event = f.hooks.events("custom-message").into_iter().next().unwrap();
    assert_eq!(event["triggerSource"], "CustomMessage_SignUp");
    assert_eq!(event["request"]["codeParameter"], "{####}");
    assert_eq!(event["request"]["linkParameter"], "{##Click Here##}");
    assert_eq!(event["request"]["usernameParameter"], Value::Null);
    assert_eq!(event["request"]["userAttributes"]["cognito:user_status"], "UNCONFIRMED");
    let dora = f.messages("dora").await;
    let (resent, signed_up) = (&dora[0], &dora[1]);
    let code = signed_up["code"].as_str().unwrap();
    assert_eq!(code.len(), 6);
    assert_eq!(signed_up["message"], format!("Hello dora, your Acme code is {code}"));
    assert_eq!(signed_up["subject"], "Welcome to Acme");
    assert_eq!(f.hooks.last("custom-message")["triggerSource"], "CustomMessage_ResendCode");
    let resent_code = resent["code"].as_str().unwrap();
    assert_eq!(
        resent["message"],
        format!("Your verification code is {resent_code}"),
        "default without {{####}}"
    );
    let invite = &f.messages("eli").await[0];
    let password = invite["code"].as_str().unwrap();
    assert_eq!(invite["message"], format!("Sign in as eli with {password}"));
    let invite_event = f
        .hooks
        .events("custom-message")
        .into_iter()
        .find(|e| e["triggerSource"] == "CustomMessage_AdminCreateUser");
    assert_eq!(invite_event.unwrap()["request"]["usernameParameter"], "{username}");
}

#[tokio::test]
async fn post_confirmation_runs_before_the_confirmation_is_saved() {
    // Arrange
    let f = fixture().await;
    f.triggers(LambdaConfigType::builder().post_confirmation(arn("post-confirmation")).build()).await;
    f.sign_up("fay").await.unwrap();
    let sent = f.messages("fay").await[0]["code"].as_str().unwrap().to_string();
    f.hooks.set(|_, _| Reply::Fail("CRM is down"));

    // Act: a failing function refuses the confirmation.
    let confirm = || {
        f.app
            .idp
            .confirm_sign_up()
            .client_id(&f.client)
            .username("fay")
            .confirmation_code(&sent)
            .client_metadata("from", "email")
            .send()
    };
    let err = confirm().await.unwrap_err();

    // Assert
    assert_eq!(code(&err), "UserLambdaValidationException");
    assert_eq!(message(&err), "PostConfirmation failed with error CRM is down.");
    assert_eq!(f.user_exists("fay").await.as_deref(), Some("UNCONFIRMED"));
    let event = f.hooks.last("post-confirmation");
    assert_eq!(event["triggerSource"], "PostConfirmation_ConfirmSignUp");
    assert_eq!(event["request"]["userAttributes"]["cognito:user_status"], "CONFIRMED");
    assert_eq!(event["request"]["userAttributes"]["email_verified"], "true");
    assert_eq!(event["request"]["clientMetadata"]["from"], "email");

    // The code still works; a function that changes the user as it runs (as a welcome
    // function writing a CRM id does) keeps its change, and the confirmation is saved too.
    let (idp, pool) = (f.app.idp.clone(), f.pool.clone());
    f.hooks.set(move |_, _| {
        let (idp, pool) = (idp.clone(), pool.clone());
        Reply::After(
            json!({}),
            Arc::new(move || {
                let (idp, pool) = (idp.clone(), pool.clone());
                Box::pin(async move {
                    idp.admin_update_user_attributes()
                        .user_pool_id(pool)
                        .username("fay")
                        .user_attributes(
                            AttributeType::builder().name("name").value("Fay CRM-7").build().unwrap(),
                        )
                        .send()
                        .await
                        .unwrap();
                })
            }),
        )
    });
    confirm().await.unwrap();
    let user = f.app.idp.admin_get_user().user_pool_id(&f.pool).username("fay").send().await.unwrap();
    assert_eq!(user.user_status().unwrap().as_str(), "CONFIRMED");
    let attribute = |name: &str| {
        user.user_attributes().iter().find(|a| a.name() == name).and_then(|a| a.value()).map(String::from)
    };
    assert_eq!(attribute("name").as_deref(), Some("Fay CRM-7"), "the function's change is not undone");
    assert_eq!(attribute("email_verified").as_deref(), Some("true"));
    f.hooks.set(|_, _| Reply::Respond(json!({})));
    let err = confirm().await.unwrap_err();
    assert_eq!(code(&err), "NotAuthorizedException", "confirmed once");

    // A password reset confirms with its own source.
    f.app.idp.forgot_password().client_id(&f.client).username("fay").send().await.unwrap();
    let code = f.messages("fay").await[0]["code"].as_str().unwrap().to_string();
    f.app
        .idp
        .confirm_forgot_password()
        .client_id(&f.client)
        .username("fay")
        .confirmation_code(&code)
        .password("N3wPassw0rd!")
        .send()
        .await
        .unwrap();
    assert_eq!(f.hooks.last("post-confirmation")["triggerSource"], "PostConfirmation_ConfirmForgotPassword");
}

#[tokio::test]
async fn pre_and_post_authentication_can_refuse_a_sign_in() {
    // Arrange
    let f = fixture().await;
    f.triggers(
        LambdaConfigType::builder()
            .pre_authentication(arn("pre-auth"))
            .post_authentication(arn("post-auth"))
            .build(),
    )
    .await;
    f.user("gus").await;

    // Act + assert: both run on a good sign-in, with InitiateAuth's metadata as PreAuthentication's
    // validationData.
    let out = f.password_sign_in("gus", "Passw0rd!").await.unwrap();
    assert!(out.authentication_result.is_some());
    let pre = f.hooks.last("pre-auth");
    assert_eq!(pre["triggerSource"], "PreAuthentication_Authentication");
    assert_eq!(pre["request"]["validationData"]["device"], "laptop");
    assert_eq!(pre["request"]["userAttributes"]["cognito:user_status"], "CONFIRMED");
    assert_eq!(f.hooks.last("post-auth")["triggerSource"], "PostAuthentication_Authentication");

    // PreAuthentication refuses before the password is looked at.
    f.hooks.set(|function, _| {
        if function == "pre-auth" { Reply::Fail("Outside office hours") } else { Reply::Respond(json!({})) }
    });
    let posts_before = f.hooks.events("post-auth").len();
    let err = f.password_sign_in("gus", "wrong-password").await.unwrap_err();
    assert_eq!(code(&err), "UserLambdaValidationException");
    assert_eq!(message(&err), "PreAuthentication failed with error Outside office hours.");

    // PostAuthentication failing withholds the tokens.
    f.hooks.set(|function, _| {
        if function == "post-auth" { Reply::Fail("Audit log unavailable") } else { Reply::Respond(json!({})) }
    });
    let err = f.password_sign_in("gus", "Passw0rd!").await.unwrap_err();
    assert_eq!(message(&err), "PostAuthentication failed with error Audit log unavailable.");
    assert_eq!(f.hooks.events("post-auth").len(), posts_before + 1);
}

#[tokio::test]
async fn pre_token_generation_v1_changes_the_id_token_and_groups() {
    // Arrange
    let f = fixture().await;
    f.triggers(LambdaConfigType::builder().pre_token_generation(arn("pre-token")).build()).await;
    f.user("hal").await;
    f.hooks.set(|_, _| {
        Reply::Respond(json!({"claimsOverrideDetails": {
            "claimsToAddOrOverride": {"tier": "gold", "sub": "forged"},
            "claimsToSuppress": ["email"],
            "groupOverrideDetails": {"groupsToOverride": ["admins"], "iamRolesToOverride": [], "preferredRole": null},
        }}))
    });

    // Act
    let tokens = f.password_sign_in("hal", "Passw0rd!").await.unwrap().authentication_result.unwrap();

    // Assert
    let event = f.hooks.last("pre-token");
    assert_eq!(event["version"], "1");
    assert_eq!(event["triggerSource"], "TokenGeneration_Authentication");
    assert_eq!(event["request"]["groupConfiguration"]["groupsToOverride"], json!([]));
    assert!(event["request"].get("scopes").is_none(), "V1 events carry no scopes");
    let id = claims(tokens.id_token().unwrap());
    assert_eq!(id["tier"], "gold");
    let user = f.app.idp.admin_get_user().user_pool_id(&f.pool).username("hal").send().await.unwrap();
    let sub = user.user_attributes().iter().find(|a| a.name() == "sub").and_then(|a| a.value()).unwrap();
    assert_eq!(id["sub"], sub, "reserved claims stay Cognito's");
    assert!(id.get("email").is_none());
    assert_eq!(id["cognito:groups"], json!(["admins"]));
    let access = claims(tokens.access_token().unwrap());
    assert_eq!(access["cognito:groups"], json!(["admins"]));
    assert!(access.get("tier").is_none(), "V1 leaves the access token's claims");

    // A refresh runs it again with its own source.
    f.app
        .idp
        .initiate_auth()
        .client_id(&f.client)
        .auth_flow(AuthFlowType::RefreshTokenAuth)
        .auth_parameters("REFRESH_TOKEN", tokens.refresh_token().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(f.hooks.last("pre-token")["triggerSource"], "TokenGeneration_RefreshTokens");

    // A failing function means no tokens.
    f.hooks.set(|_, _| Reply::Fail("Entitlements service down"));
    let err = f.password_sign_in("hal", "Passw0rd!").await.unwrap_err();
    assert_eq!(message(&err), "PreTokenGeneration failed with error Entitlements service down.");
}

#[tokio::test]
async fn pre_token_generation_v2_changes_both_tokens_and_the_scopes() {
    // Arrange
    let f = fixture().await;
    let config = PreTokenGenerationVersionConfigType::builder()
        .lambda_version(PreTokenGenerationLambdaVersionType::V20)
        .lambda_arn(arn("pre-token"))
        .build()
        .unwrap();
    f.triggers(LambdaConfigType::builder().pre_token_generation_config(config).build()).await;
    f.user("ivy").await;
    f.hooks.set(|_, _| {
        Reply::Respond(json!({"claimsAndScopeOverrideDetails": {
            "idTokenGeneration": {"claimsToAddOrOverride": {"plan": {"name": "pro", "seats": 5}}},
            "accessTokenGeneration": {
                "claimsToAddOrOverride": {"tenant": "acme", "client_id": "forged"},
                "scopesToAdd": ["orders/read"],
            },
        }}))
    });

    // Act
    let tokens = f.password_sign_in("ivy", "Passw0rd!").await.unwrap().authentication_result.unwrap();

    // Assert
    let event = f.hooks.last("pre-token");
    assert_eq!(event["version"], "2");
    assert_eq!(event["request"]["scopes"], json!(["aws.cognito.signin.user.admin"]));
    let id = claims(tokens.id_token().unwrap());
    assert_eq!(id["plan"], json!({"name": "pro", "seats": 5}));
    let access = claims(tokens.access_token().unwrap());
    assert_eq!(access["tenant"], "acme");
    assert_eq!(access["client_id"], f.client.as_str());
    assert_eq!(access["scope"], "aws.cognito.signin.user.admin orders/read");
    // The tokens still verify: GetUser accepts the customized access token.
    f.app.idp.get_user().access_token(tokens.access_token().unwrap()).send().await.unwrap();
}

#[tokio::test]
async fn user_migration_brings_a_user_over_on_first_sign_in() {
    // Arrange
    let f = fixture().await;
    f.triggers(LambdaConfigType::builder().user_migration(arn("migrate")).build()).await;
    f.hooks.set(|_, event| {
        let password = event["request"]["password"].as_str();
        match (event["triggerSource"].as_str().unwrap(), password) {
            ("UserMigration_Authentication", Some("legacy-pass-1")) => Reply::Respond(json!({
                "userAttributes": {"email": "jo@example.com", "email_verified": "true"},
                "finalUserStatus": "CONFIRMED",
                "messageAction": "SUPPRESS",
            })),
            ("UserMigration_Authentication", _) => Reply::Fail("Bad password"),
            ("UserMigration_ForgotPassword", None) => Reply::Respond(json!({
                "userAttributes": {"email": "kim@example.com", "email_verified": "true"},
                "messageAction": "SUPPRESS",
            })),
            _ => Reply::Respond(json!({})),
        }
    });

    // Act + assert: a wrong legacy password migrates nobody.
    let err = f.password_sign_in("jo", "wrong").await.unwrap_err();
    assert_eq!(code(&err), "UserLambdaValidationException");
    assert_eq!(message(&err), "UserMigration failed with error Bad password.");
    assert_eq!(f.user_exists("jo").await, None);

    // The right one (even though it breaks the pool's policy) signs in, and the user stays.
    let tokens = f.password_sign_in("jo", "legacy-pass-1").await.unwrap().authentication_result.unwrap();
    assert!(tokens.access_token().is_some());
    let event = f.hooks.last("migrate");
    assert_eq!(event["userName"], "jo");
    assert_eq!(event["request"]["validationData"]["device"], "laptop");
    assert_eq!(f.user_exists("jo").await.as_deref(), Some("CONFIRMED"));
    let calls = f.hooks.events("migrate").len();
    f.password_sign_in("jo", "legacy-pass-1").await.unwrap();
    assert_eq!(f.hooks.events("migrate").len(), calls, "a migrated user is not migrated again");

    // ForgotPassword migrates into RESET_REQUIRED and sends the reset code.
    let out = f.app.idp.forgot_password().client_id(&f.client).username("kim").send().await.unwrap();
    assert_eq!(out.code_delivery_details.unwrap().attribute_name(), Some("email"));
    assert_eq!(f.hooks.last("migrate")["triggerSource"], "UserMigration_ForgotPassword");
    assert_eq!(f.user_exists("kim").await.as_deref(), Some("RESET_REQUIRED"));
    assert_eq!(f.messages("kim").await[0]["kind"], "FORGOT_PASSWORD");
    let err = f.password_sign_in("kim", "any-password").await.unwrap_err();
    assert_eq!(code(&err), "PasswordResetRequiredException", "no password yet: only a reset");
    let migrations = f.hooks.events("migrate").len();
    let code_sent = f.messages("kim").await[0]["code"].as_str().unwrap().to_string();
    f.app
        .idp
        .confirm_forgot_password()
        .client_id(&f.client)
        .username("kim")
        .confirmation_code(code_sent)
        .password("N3wPassw0rd!")
        .send()
        .await
        .unwrap();
    f.password_sign_in("kim", "N3wPassw0rd!").await.unwrap();
    assert_eq!(f.hooks.events("migrate").len(), migrations);

    // A function that does not know the user: the usual answer.
    let err = f.password_sign_in("nobody", "x").await.unwrap_err();
    assert_eq!(code(&err), "UserLambdaValidationException", "the function refused");
    f.hooks.set(|_, _| Reply::Respond(json!({})));
    let err = f.password_sign_in("nobody", "x").await.unwrap_err();
    assert_eq!(code(&err), "UserNotFoundException");
}

/// A custom challenge: "what is 6 times 7", two tries.
fn quiz(function: &str, event: &Value) -> Reply {
    let session = event["request"]["session"].as_array().cloned().unwrap_or_default();
    match function {
        "define" => {
            let last = session.last();
            if last.is_some_and(|c| c["challengeResult"] == true) {
                Reply::Respond(json!({"issueTokens": true, "failAuthentication": false}))
            } else if session.len() >= 2 {
                Reply::Respond(json!({"issueTokens": false, "failAuthentication": true}))
            } else {
                Reply::Respond(
                    json!({"challengeName": "CUSTOM_CHALLENGE", "issueTokens": false, "failAuthentication": false}),
                )
            }
        }
        "create" => Reply::Respond(json!({
            "publicChallengeParameters": {"question": "6 x 7"},
            "privateChallengeParameters": {"answer": "42"},
            "challengeMetadata": format!("QUIZ-{}", session.len()),
        })),
        "verify" => {
            let right = event["request"]["challengeAnswer"]
                == event["request"]["privateChallengeParameters"]["answer"];
            Reply::Respond(json!({"answerCorrect": right}))
        }
        _ => Reply::Respond(json!({})),
    }
}

#[tokio::test]
async fn custom_auth_runs_the_define_create_verify_loop() {
    // Arrange
    let f = fixture().await;
    let idp = &f.app.idp;
    let start = || {
        idp.initiate_auth()
            .client_id(&f.client)
            .auth_flow(AuthFlowType::CustomAuth)
            .auth_parameters("USERNAME", "lea")
            .send()
    };
    f.user("lea").await;
    let err = start().await.unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException", "no functions, no custom auth");
    f.triggers(
        LambdaConfigType::builder()
            .define_auth_challenge(arn("define"))
            .create_auth_challenge(arn("create"))
            .verify_auth_challenge_response(arn("verify"))
            .build(),
    )
    .await;
    f.hooks.set(quiz);
    let answer = |session: String, answer: &'static str| {
        idp.respond_to_auth_challenge()
            .client_id(&f.client)
            .challenge_name(ChallengeNameType::CustomChallenge)
            .session(session)
            .challenge_responses("USERNAME", "lea")
            .challenge_responses("ANSWER", answer)
            .send()
    };

    // Act: a wrong answer, then the right one.
    let first = start().await.unwrap();
    assert_eq!(first.challenge_name(), Some(&ChallengeNameType::CustomChallenge));
    assert_eq!(first.challenge_parameters().unwrap().get("question").map(String::as_str), Some("6 x 7"));
    assert!(first.challenge_parameters().unwrap().get("answer").is_none(), "private parameters stay private");
    let first_session = first.session().unwrap().to_string();
    let second = answer(first_session.clone(), "41").await.unwrap();
    assert_eq!(second.challenge_name(), Some(&ChallengeNameType::CustomChallenge));
    let done = answer(second.session().unwrap().to_string(), "42").await.unwrap();

    // Assert
    assert!(done.authentication_result().and_then(|r| r.access_token()).is_some());
    let define = f.hooks.last("define");
    assert_eq!(define["triggerSource"], "DefineAuthChallenge_Authentication");
    assert_eq!(
        define["request"]["session"],
        json!([
            {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": false, "challengeMetadata": "QUIZ-0"},
            {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": true, "challengeMetadata": "QUIZ-1"},
        ])
    );
    assert_eq!(f.hooks.last("verify")["triggerSource"], "VerifyAuthChallengeResponse_Authentication");
    assert_eq!(f.hooks.last("create")["request"]["challengeName"], "CUSTOM_CHALLENGE");

    // A session answers once.
    let err = answer(first_session, "42").await.unwrap_err();
    assert_eq!(message(&err), "Invalid session for the user.");

    // Two wrong answers: DefineAuthChallenge fails the sign-in.
    let first = start().await.unwrap();
    let second = answer(first.session().unwrap().to_string(), "1").await.unwrap();
    let err = answer(second.session().unwrap().to_string(), "2").await.unwrap_err();
    assert_eq!(code(&err), "NotAuthorizedException");
    assert_eq!(message(&err), "Incorrect username or password.");
}

#[tokio::test]
async fn the_lambda_invoke_api_runs_triggers_signed_with_sigv4() {
    // Arrange: the same functions behind the Invoke API instead of plain HTTP.
    let f = fixture_with(true, 5_000).await;
    f.triggers(LambdaConfigType::builder().pre_sign_up(arn("pre-sign-up")).build()).await;
    f.hooks.set(|_, _| Reply::Respond(json!({"autoConfirmUser": true})));

    // Act
    let out = f.sign_up("max").await.unwrap();
    f.hooks.set(|_, _| Reply::Fail("Invite only"));
    let err = f.sign_up("ned").await.unwrap_err();

    // Assert
    assert!(out.user_confirmed);
    assert_eq!(f.hooks.last("pre-sign-up")["triggerSource"], "PreSignUp_SignUp");
    let signature = f.hooks.signatures.lock().unwrap()[0].clone();
    assert_eq!(
        signature,
        "AKIDTRIGGERS us-east-1/lambda//2015-03-31/functions/\
         arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Apre-sign-up/invocations Ok(())",
        "signed for the function's region, and the signature verifies"
    );
    assert_eq!(code(&err), "UserLambdaValidationException", "X-Amz-Function-Error is a function error");
    assert_eq!(message(&err), "PreSignUp failed with error Invite only.");
    assert_eq!(f.user_exists("ned").await, None);

    // An unknown function: Lambda's error type names the cause, and nobody is created.
    f.triggers(LambdaConfigType::builder().pre_sign_up(arn("missing")).build()).await;
    let err = f.sign_up("ora").await.unwrap_err();
    assert_eq!(code(&err), "UnexpectedLambdaException");
    assert_eq!(message(&err), "PreSignUp invocation failed due to error ResourceNotFoundException.");
    assert_eq!(f.user_exists("ora").await, None);
}

#[tokio::test]
async fn lambda_config_is_validated_and_described_as_given() {
    // Arrange
    let f = fixture().await;
    let mismatch = PreTokenGenerationVersionConfigType::builder()
        .lambda_version(PreTokenGenerationLambdaVersionType::V20)
        .lambda_arn(arn("other"))
        .build()
        .unwrap();
    let cases = [
        LambdaConfigType::builder().pre_sign_up("not-an-arn").build(),
        LambdaConfigType::builder()
            .pre_token_generation(arn("pre-token"))
            .pre_token_generation_config(mismatch)
            .build(),
    ];

    // Act + assert
    for config in cases {
        let err = f
            .app
            .idp
            .update_user_pool()
            .user_pool_id(&f.pool)
            .lambda_config(config)
            .send()
            .await
            .unwrap_err();
        assert_eq!(code(&err), "InvalidParameterException", "{err:?}");
    }
    f.triggers(LambdaConfigType::builder().pre_sign_up(arn("pre-sign-up")).build()).await;
    let described = f.app.idp.describe_user_pool().user_pool_id(&f.pool).send().await.unwrap();
    let config = described.user_pool().unwrap().lambda_config().unwrap();
    assert_eq!(config.pre_sign_up(), Some(arn("pre-sign-up").as_str()));
}

#[tokio::test]
async fn a_custom_email_sender_gets_the_code_asynchronously() {
    // Arrange
    let f = fixture().await;
    let sender = aws_sdk_cognitoidentityprovider::types::CustomEmailLambdaVersionConfigType::builder()
        .lambda_version(aws_sdk_cognitoidentityprovider::types::CustomEmailSenderLambdaVersionType::V10)
        .lambda_arn(arn("email-sender"))
        .build()
        .unwrap();
    f.triggers(
        LambdaConfigType::builder()
            .custom_email_sender(sender)
            .kms_key_id("arn:aws:kms:us-east-1:000000000000:key/test-key")
            .build(),
    )
    .await;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    f.hooks.set(move |_, event| {
        let _ = tx.send(event.clone());
        Reply::Respond(json!({}))
    });

    // Act
    f.sign_up("ola").await.unwrap();
    let event = rx.recv().await.unwrap();

    // Assert: Cognito's event; the code is plain base64 (no KMS here), and the outbox has it.
    assert_eq!(event["triggerSource"], "CustomEmailSender_SignUp");
    assert_eq!(event["request"]["type"], "customEmailSenderRequestV1");
    let code = String::from_utf8(
        base64::engine::general_purpose::STANDARD.decode(event["request"]["code"].as_str().unwrap()).unwrap(),
    )
    .unwrap();
    assert_eq!(f.messages("ola").await[0]["code"], code.as_str());
}

#[tokio::test]
async fn custom_auth_can_start_with_srp_and_go_on_to_a_custom_challenge() {
    use aws_cognito_srp::{SrpClient, User};
    // Arrange: Define asks for SRP's PASSWORD_VERIFIER first, then the quiz.
    let f = fixture().await;
    f.user("pam").await;
    f.triggers(
        LambdaConfigType::builder()
            .define_auth_challenge(arn("define"))
            .create_auth_challenge(arn("create"))
            .verify_auth_challenge_response(arn("verify"))
            .build(),
    )
    .await;
    f.hooks.set(|function, event| {
        let rounds = event["request"]["session"].as_array().map_or(0, Vec::len);
        match (function, rounds) {
            ("define", 1) => Reply::Respond(json!({"challengeName": "PASSWORD_VERIFIER"})),
            ("define", 2) => Reply::Respond(json!({"challengeName": "CUSTOM_CHALLENGE"})),
            _ => quiz(function, event),
        }
    });
    let srp = SrpClient::new(User::new(&f.pool, "pam", "Passw0rd!"), &f.client, None);
    let idp = &f.app.idp;

    // Act
    let first = idp
        .initiate_auth()
        .client_id(&f.client)
        .auth_flow(AuthFlowType::CustomAuth)
        .auth_parameters("USERNAME", "pam")
        .auth_parameters("CHALLENGE_NAME", "SRP_A")
        .auth_parameters("SRP_A", srp.get_auth_parameters().a)
        .send()
        .await
        .unwrap();
    assert_eq!(first.challenge_name(), Some(&ChallengeNameType::PasswordVerifier));
    let p = first.challenge_parameters().unwrap();
    let proof = srp.verify(&p["SECRET_BLOCK"], &p["USER_ID_FOR_SRP"], &p["SALT"], &p["SRP_B"]).unwrap();
    let second = idp
        .respond_to_auth_challenge()
        .client_id(&f.client)
        .challenge_name(ChallengeNameType::PasswordVerifier)
        .challenge_responses("USERNAME", &p["USER_ID_FOR_SRP"])
        .challenge_responses("PASSWORD_CLAIM_SECRET_BLOCK", &proof.password_claim_secret_block)
        .challenge_responses("PASSWORD_CLAIM_SIGNATURE", &proof.password_claim_signature)
        .challenge_responses("TIMESTAMP", &proof.timestamp)
        .send()
        .await
        .unwrap();
    assert_eq!(second.challenge_name(), Some(&ChallengeNameType::CustomChallenge));
    let done = idp
        .respond_to_auth_challenge()
        .client_id(&f.client)
        .challenge_name(ChallengeNameType::CustomChallenge)
        .session(second.session().unwrap())
        .challenge_responses("USERNAME", "pam")
        .challenge_responses("ANSWER", "42")
        .send()
        .await
        .unwrap();

    // Assert
    assert!(done.authentication_result().and_then(|r| r.id_token()).is_some());
    assert_eq!(
        f.hooks.last("define")["request"]["session"],
        json!([
            {"challengeName": "SRP_A", "challengeResult": true, "challengeMetadata": null},
            {"challengeName": "PASSWORD_VERIFIER", "challengeResult": true, "challengeMetadata": null},
            {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": true, "challengeMetadata": "QUIZ-2"},
        ])
    );
}

#[tokio::test]
async fn a_failing_custom_message_leaves_the_operation_undone() {
    // Arrange: a user with a code outstanding, then a CustomMessage function that fails.
    let f = fixture().await;
    f.triggers(LambdaConfigType::builder().build()).await;
    f.sign_up("gus").await.unwrap();
    let first_code = f.messages("gus").await[0]["code"].as_str().unwrap().to_string();
    f.user("hedy").await;
    f.triggers(LambdaConfigType::builder().custom_message(arn("custom-message")).build()).await;
    f.hooks.set(|_, _| Reply::Fail("templates unavailable"));
    let idp = &f.app.idp;

    // Act + assert: SignUp creates nobody.
    let err = f.sign_up("ida").await.unwrap_err();
    assert_eq!(code(&err), "UserLambdaValidationException");
    assert_eq!(message(&err), "CustomMessage failed with error templates unavailable.");
    assert_eq!(f.user_exists("ida").await, None);

    // AdminCreateUser creates nobody.
    let err = idp
        .admin_create_user()
        .user_pool_id(&f.pool)
        .username("jan")
        .user_attributes(Fixture::email("jan@example.com"))
        .desired_delivery_mediums(aws_sdk_cognitoidentityprovider::types::DeliveryMediumType::Email)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "UserLambdaValidationException");
    assert_eq!(f.user_exists("jan").await, None);

    // ResendConfirmationCode keeps the earlier code working.
    let err = idp.resend_confirmation_code().client_id(&f.client).username("gus").send().await.unwrap_err();
    assert_eq!(code(&err), "UserLambdaValidationException");

    // UpdateUserAttributes changes nothing.
    let tokens = f.password_sign_in("hedy", "Passw0rd!").await.unwrap().authentication_result.unwrap();
    let err = idp
        .update_user_attributes()
        .access_token(tokens.access_token().unwrap())
        .user_attributes(Fixture::email("hedy@new.example.com"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "UserLambdaValidationException");
    let hedy = idp.admin_get_user().user_pool_id(&f.pool).username("hedy").send().await.unwrap();
    let email = hedy.user_attributes().iter().find(|a| a.name() == "email").and_then(|a| a.value());
    assert_eq!(email, Some("hedy@example.com"));

    f.hooks.set(|_, _| Reply::Respond(json!({})));
    idp.confirm_sign_up()
        .client_id(&f.client)
        .username("gus")
        .confirmation_code(first_code)
        .send()
        .await
        .expect("the code sent before the failed resend still confirms");
}

#[tokio::test]
async fn custom_auth_needs_all_three_functions_and_the_sessions_own_user() {
    // Arrange
    let f = fixture().await;
    let idp = &f.app.idp;
    f.user("kai").await;
    f.user("lou").await;
    let start = |username: &'static str| {
        idp.initiate_auth()
            .client_id(&f.client)
            .auth_flow(AuthFlowType::CustomAuth)
            .auth_parameters("USERNAME", username)
            .client_metadata("step", "initiate")
            .send()
    };
    f.triggers(LambdaConfigType::builder().define_auth_challenge(arn("define")).build()).await;
    f.hooks.set(quiz);

    // Act + assert: DefineAuthChallenge alone is not a custom sign-in.
    let err = start("kai").await.unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
    assert_eq!(message(&err), "Custom auth lambda trigger is not configured for the user pool.");

    f.triggers(
        LambdaConfigType::builder()
            .define_auth_challenge(arn("define"))
            .create_auth_challenge(arn("create"))
            .verify_auth_challenge_response(arn("verify"))
            .pre_authentication(arn("pre-auth"))
            .build(),
    )
    .await;
    let first = start("kai").await.unwrap();
    assert_eq!(f.hooks.last("pre-auth")["request"]["validationData"]["step"], "initiate");
    assert_eq!(
        f.hooks.last("define")["request"]["clientMetadata"],
        json!({}),
        "InitiateAuth's ClientMetadata goes to PreAuthentication only"
    );
    assert_eq!(f.hooks.last("define")["response"]["challengeName"], Value::Null, "Cognito's defaults");

    // Kai's session answered in Lou's name is refused, and used up.
    let session = first.session().unwrap().to_string();
    let respond = |username: &'static str, session: String| {
        idp.respond_to_auth_challenge()
            .client_id(&f.client)
            .challenge_name(ChallengeNameType::CustomChallenge)
            .session(session)
            .challenge_responses("USERNAME", username)
            .challenge_responses("ANSWER", "42")
            .client_metadata("step", "respond")
            .send()
    };
    let err = respond("lou", session.clone()).await.unwrap_err();
    assert_eq!(code(&err), "NotAuthorizedException");
    assert_eq!(message(&err), "Invalid session for the user.");
    let verified = f.hooks.events("verify").len();
    assert_eq!(verified, 0, "the answer never reached VerifyAuthChallengeResponse");

    // In Kai's name it signs in, and RespondToAuthChallenge's ClientMetadata reaches the functions.
    let session = start("kai").await.unwrap().session().unwrap().to_string();
    let done = respond("kai", session).await.unwrap();
    assert!(done.authentication_result().is_some());
    assert_eq!(f.hooks.last("verify")["request"]["clientMetadata"]["step"], "respond");

    // A user with a temporary password still has to change it.
    idp.admin_create_user()
        .user_pool_id(&f.pool)
        .username("max")
        .temporary_password("Temp0rary!")
        .message_action(aws_sdk_cognitoidentityprovider::types::MessageActionType::Suppress)
        .send()
        .await
        .unwrap();
    let session = start("max").await.unwrap().session().unwrap().to_string();
    let next = respond("max", session).await.unwrap();
    assert_eq!(next.challenge_name(), Some(&ChallengeNameType::NewPasswordRequired));
    assert!(next.authentication_result().is_none());
}
