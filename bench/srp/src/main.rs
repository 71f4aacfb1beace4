//! Load generator for SRP sign-in against a running incognito server.
//!
//! Creates a pool, a public app client (ALLOW_USER_SRP_AUTH) and one user per task through the
//! HTTP API (admin operations are open in the default loopback mode), then runs N concurrent
//! tasks for D seconds, each doing full sign-ins: InitiateAuth USER_SRP_AUTH → (client SRP math,
//! aws-cognito-srp) → RespondToAuthChallenge PASSWORD_VERIFIER → tokens. Prints one line:
//! sign-ins per second, p50/p99 latency of a whole sign-in (both round trips and the client's
//! SRP math between them), errors, and the CPU time per sign-in of this process and, with
//! `--server-pid`, of the server. The client's SRP arithmetic (two exponentiations with a
//! 1024-bit exponent) is heavier than the server's (four with a 256-bit one), and both share
//! the machine's cores, so the server's CPU per sign-in is the figure to reason from.
//!
//!   incognito-bench-srp [--url URL] [--concurrency N] [--duration SECONDS]
//!                       [--server-pid PID] [--label TEXT]

use std::time::{Duration, Instant};

use aws_cognito_srp::{SrpClient, User, UserAuthenticationParameters, VerificationParameters};
use serde_json::{Value, json};

const PASSWORD: &str = "Bench-Pass-123";

const USAGE: &str = "incognito-bench-srp [--url URL] [--concurrency N] [--duration SECONDS] \
                     [--server-pid PID] [--label TEXT]
  defaults: --url http://127.0.0.1:9229 --concurrency 8 --duration 10";

struct Options {
    url: String,
    concurrency: usize,
    duration: Duration,
    server_pid: Option<u32>,
    label: String,
}

fn options() -> Options {
    let mut o = Options {
        url: "http://127.0.0.1:9229".into(),
        concurrency: 8,
        duration: Duration::from_secs(10),
        server_pid: None,
        label: "SRP sign-in".into(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            println!("{USAGE}");
            std::process::exit(0);
        }
        let value = args.next().unwrap_or_else(|| die(&format!("{flag} needs a value")));
        match flag.as_str() {
            "--url" => o.url = value.trim_end_matches('/').to_string(),
            "--concurrency" => {
                o.concurrency = value.parse().unwrap_or_else(|_| die("--concurrency: a number"))
            }
            "--duration" => {
                o.duration =
                    Duration::from_secs_f64(value.parse().unwrap_or_else(|_| die("--duration: seconds")))
            }
            "--server-pid" => {
                o.server_pid = Some(value.parse().unwrap_or_else(|_| die("--server-pid: a pid")))
            }
            "--label" => o.label = value,
            _ => die(&format!("unknown option {flag} (see --help)")),
        }
    }
    o
}

fn die(message: &str) -> ! {
    eprintln!("incognito-bench-srp: {message}");
    std::process::exit(2)
}

/// One AWS JSON 1.1 call; a non-200 answer is an error carrying `__type: message`.
async fn call(http: &reqwest::Client, url: &str, op: &str, body: &Value) -> Result<Value, String> {
    let response = http
        .post(format!("{url}/"))
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amz-target", format!("AWSCognitoIdentityProviderService.{op}"))
        .body(body.to_string())
        .send()
        .await
        .map_err(|e| format!("{op}: {e}"))?;
    let status = response.status();
    let text = response.text().await.map_err(|e| format!("{op}: {e}"))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("{op}: {e}: {text}"))?;
    if !status.is_success() {
        return Err(format!("{op}: {status} {}: {}", value["__type"], value["message"]));
    }
    Ok(value)
}

struct Target {
    url: String,
    pool: String,
    client: String,
}

/// A full SRP sign-in of `username`; Ok once the tokens are back.
async fn sign_in(http: &reqwest::Client, t: &Target, username: &str) -> Result<(), String> {
    let srp = SrpClient::new(User::new(&t.pool, username, PASSWORD), &t.client, None);
    let UserAuthenticationParameters { a, username } = srp.get_auth_parameters();
    let challenge = call(
        http,
        &t.url,
        "InitiateAuth",
        &json!({"ClientId": t.client, "AuthFlow": "USER_SRP_AUTH",
                "AuthParameters": {"USERNAME": username, "SRP_A": a}}),
    )
    .await?;
    if challenge["ChallengeName"] != "PASSWORD_VERIFIER" {
        return Err(format!("InitiateAuth: expected PASSWORD_VERIFIER, got {challenge}"));
    }
    let p = &challenge["ChallengeParameters"];
    let field = |name: &str| p[name].as_str().ok_or_else(|| format!("InitiateAuth: no {name}"));
    let user_id = field("USER_ID_FOR_SRP")?;
    let VerificationParameters { password_claim_secret_block, password_claim_signature, timestamp } = srp
        .verify(field("SECRET_BLOCK")?, user_id, field("SALT")?, field("SRP_B")?)
        .map_err(|e| e.to_string())?;
    let tokens = call(
        http,
        &t.url,
        "RespondToAuthChallenge",
        &json!({"ClientId": t.client, "ChallengeName": "PASSWORD_VERIFIER",
                "ChallengeResponses": {"USERNAME": user_id,
                    "PASSWORD_CLAIM_SECRET_BLOCK": password_claim_secret_block,
                    "PASSWORD_CLAIM_SIGNATURE": password_claim_signature, "TIMESTAMP": timestamp}}),
    )
    .await?;
    if tokens["AuthenticationResult"]["AccessToken"].as_str().is_none() {
        return Err(format!("RespondToAuthChallenge: no tokens in {tokens}"));
    }
    Ok(())
}

/// Pool, public client and one confirmed user per task.
async fn setup(http: &reqwest::Client, url: &str, users: usize) -> Result<Target, String> {
    let pool = call(http, url, "CreateUserPool", &json!({"PoolName": "bench-srp"})).await?["UserPool"]["Id"]
        .as_str()
        .ok_or("CreateUserPool: no Id")?
        .to_string();
    let client = call(
        http,
        url,
        "CreateUserPoolClient",
        &json!({"UserPoolId": pool, "ClientName": "bench",
                "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}),
    )
    .await?["UserPoolClient"]["ClientId"]
        .as_str()
        .ok_or("CreateUserPoolClient: no ClientId")?
        .to_string();
    for i in 0..users {
        let username = format!("bench-{i}");
        call(
            http,
            url,
            "AdminCreateUser",
            &json!({"UserPoolId": pool, "Username": username, "MessageAction": "SUPPRESS"}),
        )
        .await?;
        call(
            http,
            url,
            "AdminSetUserPassword",
            &json!({"UserPoolId": pool, "Username": username, "Password": PASSWORD, "Permanent": true}),
        )
        .await?;
    }
    Ok(Target { url: url.to_string(), pool, client })
}

/// User + system CPU time of a process, from /proc/PID/stat (fields 14 and 15, in clock
/// ticks of 1/100 s: Linux's USER_HZ).
fn cpu_time(pid: &str) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) is in parentheses and may contain spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 * p / 100.0).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let o = options();
    let http = reqwest::Client::builder().pool_max_idle_per_host(o.concurrency).build().expect("HTTP client");
    let target = std::sync::Arc::new(setup(&http, &o.url, o.concurrency).await.unwrap_or_else(|e| die(&e)));
    // One sign-in per user first: proves the setup and warms the server's caches.
    for i in 0..o.concurrency {
        sign_in(&http, &target, &format!("bench-{i}"))
            .await
            .unwrap_or_else(|e| die(&format!("warm-up: {e}")));
    }

    let server_pid = o.server_pid.map(|p| p.to_string());
    let client_cpu0 = cpu_time("self");
    let server_cpu0 = server_pid.as_deref().and_then(cpu_time);
    let started = Instant::now();
    let deadline = started + o.duration;
    let tasks: Vec<_> = (0..o.concurrency)
        .map(|i| {
            let (http, target) = (http.clone(), target.clone());
            tokio::spawn(async move {
                let username = format!("bench-{i}");
                let (mut latencies, mut errors, mut first_error) = (Vec::new(), 0u64, None);
                while Instant::now() < deadline {
                    let t0 = Instant::now();
                    match sign_in(&http, &target, &username).await {
                        Ok(()) => latencies.push(t0.elapsed()),
                        Err(e) => {
                            errors += 1;
                            first_error.get_or_insert(e);
                        }
                    }
                }
                (latencies, errors, first_error)
            })
        })
        .collect();
    let (mut latencies, mut errors, mut first_error) = (Vec::new(), 0, None);
    for task in tasks {
        let (l, e, f) = task.await.expect("task");
        latencies.extend(l);
        errors += e;
        first_error = first_error.or(f);
    }
    let elapsed = started.elapsed();
    let client_cpu = client_cpu0.zip(cpu_time("self")).map(|(a, b)| b - a);
    let server_cpu = server_cpu0.zip(server_pid.as_deref().and_then(cpu_time)).map(|(a, b)| b - a);

    if let Some(e) = &first_error {
        eprintln!("first error: {e}");
    }
    latencies.sort();
    let n = latencies.len();
    let per_sign_in = |cpu: Duration| if n == 0 { f64::NAN } else { cpu.as_secs_f64() * 1000.0 / n as f64 };
    let cores = std::thread::available_parallelism().map(|c| c.get()).unwrap_or(1);
    let mut line = format!(
        "{:<34} sign_ins={n} errors={errors} rate={:.1}/s p50_ms={:.1} p99_ms={:.1}",
        o.label,
        n as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
    );
    if let Some(cpu) = client_cpu {
        line += &format!(" client_cpu_ms={:.1}", per_sign_in(cpu));
    }
    if let Some(cpu) = server_cpu {
        let ms = per_sign_in(cpu);
        // If the server had every core to itself and stayed CPU-bound.
        line += &format!(" server_cpu_ms={ms:.1} server_alone≈{:.0}/s", cores as f64 * 1000.0 / ms);
    }
    println!("{line}");
    if errors > 0 {
        std::process::exit(1);
    }
}
