//! Running trigger functions: the transport under `user_pools::triggers`. A function named in
//! a pool's LambdaConfig (by ARN) runs either as a plain HTTP hook (`[[triggers.hooks]]`: the
//! event JSON is POSTed, the answer is the event with `response` filled in) or through the
//! AWS Lambda Invoke API (`POST /2015-03-31/functions/<arn>/invocations`, as the Lambda
//! runtime interface emulator, LocalStack or AWS serve it), signed with SigV4 when
//! credentials are configured. What the event means is the caller's business; this module
//! only delivers it and classifies what came back.
//!
//! Events can hold passwords (UserMigration) and codes: they are never logged.

use std::sync::Arc;
use std::time::{Duration, Instant};

use http::{HeaderMap, HeaderValue, Method, Uri};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use secrecy::ExposeSecret;
use serde_json::Value;

use crate::clock::Clock;
use crate::config::{TriggerHook, TriggersConfig};
use crate::crypto::sigv4::{SigningCredentials, sign};

/// Why a call did not produce an answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvokeError {
    /// The function ran and failed; its `errorMessage`.
    #[error("function error: {0}")]
    Function(String),
    /// No answer within `triggers.timeout_ms`.
    #[error("timed out")]
    Timeout,
    /// The answer was not JSON.
    #[error("answer is not JSON")]
    NotJson,
    /// The function could not be run: no connection, refused, unknown function. The text
    /// names the cause (an AWS error type where Lambda sent one).
    #[error("invocation failed: {0}")]
    Failed(String),
}

/// Calls trigger functions. Cheap to clone.
#[derive(Clone)]
pub struct Invoker {
    http: reqwest::Client,
    timeout: Duration,
    retries: u32,
    hooks: Arc<Vec<TriggerHook>>,
    lambda_endpoint: Option<String>,
    credentials: Option<SigningCredentials>,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Invoker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Invoker").field("lambda_endpoint", &self.lambda_endpoint).finish_non_exhaustive()
    }
}

/// The Invoke endpoint: the config's, else the AWS SDKs' `AWS_ENDPOINT_URL_LAMBDA`, then
/// `AWS_ENDPOINT_URL`. `None`: AWS's regional endpoint of the function's ARN.
pub fn lambda_endpoint(config: &TriggersConfig, env: impl Fn(&str) -> Option<String>) -> Option<String> {
    config
        .lambda_endpoint
        .clone()
        .or_else(|| env("AWS_ENDPOINT_URL_LAMBDA"))
        .or_else(|| env("AWS_ENDPOINT_URL"))
        .filter(|url| !url.trim().is_empty())
        .map(|url| url.trim().trim_end_matches('/').to_string())
}

/// Signing credentials: the config's, else the standard environment variables.
fn signing_credentials(
    config: &TriggersConfig,
    env: impl Fn(&str) -> Option<String>,
) -> Option<SigningCredentials> {
    match (&config.access_key_id, &config.secret_access_key) {
        (Some(id), Some(secret)) => Some(SigningCredentials {
            access_key_id: id.clone(),
            secret_access_key: secret.expose_secret().to_string(),
            session_token: config.session_token.as_ref().map(|t| t.expose_secret().to_string()),
        }),
        _ => Some(SigningCredentials {
            access_key_id: env("AWS_ACCESS_KEY_ID")?,
            secret_access_key: env("AWS_SECRET_ACCESS_KEY")?,
            session_token: env("AWS_SESSION_TOKEN"),
        }),
    }
}

/// `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` → (region, name).
pub fn parse_function_arn(arn: &str) -> Option<(&str, &str)> {
    let parts: Vec<&str> = arn.split(':').collect();
    match parts[..] {
        ["arn", _, "lambda", region, _, "function", name, ..] if !name.is_empty() => Some((region, name)),
        _ => None,
    }
}

/// What the Invoke path keeps of a function ARN: the unreserved characters, as the AWS SDKs
/// encode a path label (`:` becomes `%3A`; `-`, `.`, `_` and `~` stay).
const PATH_LABEL: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// How one attempt ended: an answer, a failure worth another attempt, or a final one.
enum Attempt {
    Done(Result<Value, InvokeError>),
    Transient(String),
}

impl Invoker {
    pub fn new(config: &TriggersConfig, clock: Arc<dyn Clock>) -> Self {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_millis(config.timeout_ms))
            .pool_idle_timeout(Duration::from_secs(60))
            .build()
            .unwrap_or_default();
        Self {
            http,
            timeout: Duration::from_millis(config.timeout_ms),
            retries: config.retries,
            hooks: Arc::new(config.hooks.clone()),
            lambda_endpoint: lambda_endpoint(config, env),
            credentials: signing_credentials(config, env),
            clock,
        }
    }

    /// The HTTP hook serving `arn`, if one is configured.
    fn hook(&self, arn: &str) -> Option<&str> {
        let name = parse_function_arn(arn).map(|(_, name)| name);
        self.hooks
            .iter()
            .find(|h| h.function == arn || Some(h.function.as_str()) == name)
            .map(|h| h.url.as_str())
    }

    /// Runs function `arn` with `event` and returns its answer (the event as the function
    /// returned it).
    pub async fn invoke(&self, arn: &str, event: &Value) -> Result<Value, InvokeError> {
        let body = serde_json::to_vec(event).map_err(|e| InvokeError::Failed(e.to_string()))?;
        let started = Instant::now();
        let outcome = tokio::time::timeout(self.timeout, self.attempts(arn, &body)).await;
        let outcome = outcome.unwrap_or(Err(InvokeError::Timeout));
        let trigger = event.get("triggerSource").and_then(Value::as_str).unwrap_or("");
        let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
        match &outcome {
            Ok(_) => tracing::debug!(function = %arn, trigger, elapsed_ms, "trigger answered"),
            Err(e) => tracing::warn!(function = %arn, trigger, elapsed_ms, error = %e, "trigger failed"),
        }
        outcome
    }

    async fn attempts(&self, arn: &str, body: &[u8]) -> Result<Value, InvokeError> {
        let mut attempt = 0;
        loop {
            let result = match self.hook(arn) {
                Some(url) => self.post_hook(url, body).await,
                None => self.post_invoke(arn, body).await,
            };
            match result {
                Attempt::Done(outcome) => return outcome,
                Attempt::Transient(cause) if attempt >= self.retries => {
                    return Err(InvokeError::Failed(cause));
                }
                Attempt::Transient(_) => {
                    attempt += 1;
                    // A short, growing pause so a restarting function gets a moment.
                    tokio::time::sleep(Duration::from_millis(50 << attempt.min(4))).await;
                }
            }
        }
    }

    async fn post_hook(&self, url: &str, body: &[u8]) -> Attempt {
        let sent = self
            .http
            .post(url)
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(body.to_vec())
            .send()
            .await;
        let response = match sent {
            Ok(r) => r,
            Err(e) => return failed_to_send(&e),
        };
        let status = response.status();
        let Ok(bytes) = response.bytes().await else {
            return Attempt::Done(Err(InvokeError::Failed("connection lost".into())));
        };
        if status.is_success() {
            return Attempt::Done(answer(&bytes));
        }
        // A hook reports its function's failure as Lambda does: `{"errorMessage": …}`.
        if let Some(message) = error_message(&bytes) {
            return Attempt::Done(Err(InvokeError::Function(message)));
        }
        if transient_status(status.as_u16()) {
            Attempt::Transient(format!("HTTP {}", status.as_u16()))
        } else {
            Attempt::Done(Err(InvokeError::Failed(format!("HTTP {}", status.as_u16()))))
        }
    }

    async fn post_invoke(&self, arn: &str, body: &[u8]) -> Attempt {
        let region = parse_function_arn(arn).map_or("us-east-1", |(region, _)| region);
        let base =
            self.lambda_endpoint.clone().unwrap_or_else(|| format!("https://lambda.{region}.amazonaws.com"));
        let path = format!("/2015-03-31/functions/{}/invocations", utf8_percent_encode(arn, PATH_LABEL));
        let Ok(uri) = format!("{base}{path}").parse::<Uri>() else {
            return Attempt::Done(Err(InvokeError::Failed(format!("bad Lambda endpoint {base}"))));
        };
        let mut headers = HeaderMap::new();
        let host = uri.authority().map(|a| a.as_str().to_string()).unwrap_or_default();
        if let Ok(host) = HeaderValue::from_str(&host) {
            headers.insert(http::header::HOST, host);
        }
        headers.insert(http::header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert("x-amz-invocation-type", HeaderValue::from_static("RequestResponse"));
        if let Some(credentials) = &self.credentials {
            sign(
                &Method::POST,
                &uri,
                &mut headers,
                body,
                credentials,
                (region, "lambda"),
                self.clock.now_utc(),
            );
        }
        headers.remove(http::header::HOST);
        let sent = self.http.post(uri.to_string()).headers(headers).body(body.to_vec()).send().await;
        let response = match sent {
            Ok(r) => r,
            Err(e) => return failed_to_send(&e),
        };
        let status = response.status();
        let function_error = response.headers().contains_key("x-amz-function-error");
        let error_type = response
            .headers()
            .get("x-amzn-errortype")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(':').next().unwrap_or(v).to_string());
        let Ok(bytes) = response.bytes().await else {
            return Attempt::Done(Err(InvokeError::Failed("connection lost".into())));
        };
        if status.is_success() && function_error {
            let message =
                error_message(&bytes).unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned());
            return Attempt::Done(Err(InvokeError::Function(message)));
        }
        if status.is_success() {
            return Attempt::Done(answer(&bytes));
        }
        let cause = error_type.unwrap_or_else(|| format!("HTTP {}", status.as_u16()));
        if transient_status(status.as_u16()) {
            Attempt::Transient(cause)
        } else {
            Attempt::Done(Err(InvokeError::Failed(cause)))
        }
    }
}

/// Cognito retries throttling, never a 5xx of the Invoke API.
fn transient_status(status: u16) -> bool {
    status == 429
}

/// A request that never reached the function (no connection) is safe to send again; one that
/// may have reached it is not: the function could run twice.
fn failed_to_send(e: &reqwest::Error) -> Attempt {
    if e.is_connect() {
        Attempt::Transient("connection refused".into())
    } else {
        Attempt::Done(Err(InvokeError::Failed("no answer".into())))
    }
}

/// A successful answer: a JSON object is the returned event. A function runtime that reports
/// a failure with status 200 (`{"errorMessage": …}` and no event) is a function error; any
/// other JSON value is not an event.
fn answer(bytes: &[u8]) -> Result<Value, InvokeError> {
    let value: Value = serde_json::from_slice(bytes).map_err(|_| InvokeError::NotJson)?;
    let Value::Object(object) = &value else { return Err(InvokeError::NotJson) };
    if let Some(message) = object.get("errorMessage")
        && !object.contains_key("response")
        && !object.contains_key("triggerSource")
    {
        return Err(InvokeError::Function(
            message.as_str().map_or_else(|| message.to_string(), str::to_string),
        ));
    }
    Ok(value)
}

/// Lambda's shape of a function error: `{"errorMessage": "…", "errorType": "…"}`.
fn error_message(body: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(body).ok()?;
    value.get("errorMessage").map(|m| m.as_str().map_or_else(|| m.to_string(), str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_invoke_endpoint_follows_the_aws_sdk_convention() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        let mut config = TriggersConfig::default();
        let both =
            env(&[("AWS_ENDPOINT_URL_LAMBDA", "http://lambda:9001/"), ("AWS_ENDPOINT_URL", "http://all:1")]);
        assert_eq!(lambda_endpoint(&config, both).as_deref(), Some("http://lambda:9001"));
        assert_eq!(
            lambda_endpoint(&config, env(&[("AWS_ENDPOINT_URL", "http://all:1")])).as_deref(),
            Some("http://all:1")
        );
        assert_eq!(lambda_endpoint(&config, env(&[])), None);
        config.lambda_endpoint = Some("http://configured:2".into());
        assert_eq!(lambda_endpoint(&config, both).as_deref(), Some("http://configured:2"), "the config wins");
    }

    #[test]
    fn function_arns_name_region_and_function() {
        assert_eq!(
            parse_function_arn("arn:aws:lambda:eu-west-1:123456789012:function:pre-signup"),
            Some(("eu-west-1", "pre-signup"))
        );
        assert_eq!(
            parse_function_arn("arn:aws:lambda:eu-west-1:123456789012:function:pre-signup:live"),
            Some(("eu-west-1", "pre-signup"))
        );
        assert_eq!(parse_function_arn("arn:aws:sns:eu-west-1:123456789012:topic"), None);
        assert_eq!(parse_function_arn("pre-signup"), None);
    }

    #[test]
    fn an_answer_is_an_event_object() {
        assert!(answer(br#"{"triggerSource":"PreSignUp_SignUp","response":{}}"#).is_ok());
        assert_eq!(answer(b"not json"), Err(InvokeError::NotJson));
        assert_eq!(answer(b"[1,2]"), Err(InvokeError::NotJson), "JSON, but not an event");
        assert_eq!(answer(b"\"ok\""), Err(InvokeError::NotJson));
        assert_eq!(
            answer(br#"{"errorMessage":"no such user","errorType":"Error"}"#),
            Err(InvokeError::Function("no such user".into())),
            "a runtime's failure answered with status 200"
        );
    }

    #[test]
    fn the_invoke_path_keeps_unreserved_characters_of_the_arn() {
        let arn = "arn:aws:lambda:us-east-1:123456789012:function:my-fn_v1.2";
        assert_eq!(
            utf8_percent_encode(arn, PATH_LABEL).to_string(),
            "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy-fn_v1.2"
        );
    }
}
