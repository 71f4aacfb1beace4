//! Load generator for the gateway: N keep-alive HTTP/1.1 connections, each sending GETs back
//! to back for D seconds, every request SigV4-signed afresh (service `execute-api`) when
//! credentials are given, unsigned otherwise. Prints one line in the format of
//! bench/gateway.lua: requests, non-200 answers, requests/s, p50/p99 latency in µs.
//!
//!   incognito-bench-gateway --url URL [--concurrency N] [--duration SECONDS]
//!                           [--key ID --secret SECRET --token TOKEN] [--region R]

use std::time::{Duration, Instant, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::rt::TokioIo;

const USAGE: &str = "incognito-bench-gateway --url URL [--concurrency N] [--duration SECONDS] \
                     [--key ID --secret SECRET --token TOKEN] [--region R]";

#[derive(Clone)]
struct Options {
    url: String,
    concurrency: usize,
    duration: Duration,
    credentials: Option<Credentials>,
    region: String,
}

fn die(message: &str) -> ! {
    eprintln!("{message}\n{USAGE}");
    std::process::exit(2)
}

fn options() -> Options {
    let mut o = Options {
        url: String::new(),
        concurrency: 1,
        duration: Duration::from_secs(10),
        credentials: None,
        region: "us-east-1".into(),
    };
    let (mut key, mut secret, mut token) = (None, None, None);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            println!("{USAGE}");
            std::process::exit(0);
        }
        let value = args.next().unwrap_or_else(|| die(&format!("{flag} needs a value")));
        match flag.as_str() {
            "--url" => o.url = value,
            "--concurrency" => {
                o.concurrency = value.parse().unwrap_or_else(|_| die("--concurrency: a number"))
            }
            "--duration" => {
                o.duration =
                    Duration::from_secs_f64(value.parse().unwrap_or_else(|_| die("--duration: seconds")))
            }
            "--key" => key = Some(value),
            "--secret" => secret = Some(value),
            "--token" => token = Some(value),
            "--region" => o.region = value,
            _ => die(&format!("unknown flag {flag}")),
        }
    }
    if o.url.is_empty() {
        die("--url is required");
    }
    if let (Some(key), Some(secret)) = (key, secret) {
        o.credentials = Some(Credentials::new(key, secret, token, None, "bench"));
    }
    o
}

fn request(o: &Options) -> http::Request<Empty<Bytes>> {
    let mut request = http::Request::get(&o.url).body(Empty::new()).expect("request");
    let authority = request.uri().authority().expect("URL with host").to_string();
    request.headers_mut().insert(http::header::HOST, authority.parse().expect("host"));
    if let Some(credentials) = &o.credentials {
        let identity = credentials.clone().into();
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region(&o.region)
            .name("execute-api")
            .time(SystemTime::now())
            .settings(SigningSettings::default())
            .build()
            .expect("signing params")
            .into();
        let signable = SignableRequest::new("GET", &o.url, std::iter::empty(), SignableBody::Bytes(b""))
            .expect("signable");
        let (instructions, _) = sign(signable, &params).expect("sign").into_parts();
        instructions.apply_to_request_http1x(&mut request);
    }
    // Origin-form on the wire.
    let path = request.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or("/".into());
    *request.uri_mut() = path.parse().expect("path");
    request
}

/// One connection's loop: latencies in µs and the count of non-200 answers.
async fn connection(o: Options, until: Instant) -> (Vec<u32>, u64) {
    let uri: http::Uri = o.url.parse().expect("url");
    let addr = format!("{}:{}", uri.host().unwrap_or("127.0.0.1"), uri.port_u16().unwrap_or(80));
    let stream = tokio::net::TcpStream::connect(&addr).await.expect("connect");
    stream.set_nodelay(true).ok();
    let (mut sender, conn) = hyper::client::conn::http1::handshake::<_, Empty<Bytes>>(TokioIo::new(stream))
        .await
        .expect("handshake");
    tokio::spawn(conn);
    let (mut latencies, mut errors) = (Vec::with_capacity(100_000), 0);
    while Instant::now() < until {
        // Signing is what a client pays per request, not the gateway: it is not timed.
        let req = request(&o);
        let started_send = Instant::now();
        let response = match sender.send_request(req).await {
            Ok(r) => r,
            Err(_) => {
                errors += 1;
                break;
            }
        };
        let status = response.status();
        let _ = response.into_body().collect().await;
        if status != http::StatusCode::OK {
            errors += 1;
            if errors == 1 {
                eprintln!("first non-200 answer: {status}");
            }
        }
        latencies.push(started_send.elapsed().as_micros().min(u32::MAX as u128) as u32);
    }
    (latencies, errors)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let o = options();
    let started = Instant::now();
    let until = started + o.duration;
    let tasks: Vec<_> = (0..o.concurrency).map(|_| tokio::spawn(connection(o.clone(), until))).collect();
    let (mut all, mut errors) = (Vec::new(), 0);
    for task in tasks {
        let (latencies, e) = task.await.expect("connection task");
        all.extend(latencies);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort_unstable();
    let percentile = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1))).copied().unwrap_or(0)
    };
    println!(
        "requests={} errors={} rps={:.0} p50_us={} p99_us={}",
        all.len(),
        errors,
        all.len() as f64 / elapsed,
        percentile(0.50),
        percentile(0.99)
    );
}
