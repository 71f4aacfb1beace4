//! Optional real delivery of outbox email by SMTP (lettre), when `[smtp]` is configured.
//! The outbox row is always written first; delivery runs in the background and a failure
//! is logged (without the message body), never surfaced to the API caller, as with AWS.

use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::{SmtpConfig, SmtpTls};

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from.to_string()).finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("smtp.from is not an email address: {0}")]
    From(String),
    #[error("smtp: {0}")]
    Transport(String),
}

impl Mailer {
    pub fn new(config: &SmtpConfig) -> Result<Self, MailError> {
        let from: Mailbox = config.from.parse().map_err(|_| MailError::From(config.from.clone()))?;
        let builder = match config.tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host),
            SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host)
                .map_err(|e| MailError::Transport(e.to_string()))?,
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host)
                .map_err(|e| MailError::Transport(e.to_string()))?,
        };
        let mut builder = builder.port(config.port);
        if let (Some(user), Some(password)) = (&config.username, &config.password) {
            builder =
                builder.credentials(Credentials::new(user.clone(), password.expose_secret().to_string()));
        }
        Ok(Self { transport: builder.build(), from })
    }

    /// Sends one message in the background.
    pub fn send_later(&self, to: &str, subject: &str, body: &str) {
        let Ok(to_box) = to.parse::<Mailbox>() else {
            tracing::warn!("not sending mail to an unparsable address");
            return;
        };
        let message =
            Message::builder().from(self.from.clone()).to(to_box).subject(subject).body(body.to_string());
        let Ok(message) = message else {
            tracing::warn!("could not build mail message");
            return;
        };
        let transport = self.transport.clone();
        tokio::spawn(async move {
            if let Err(e) = transport.send(message).await {
                tracing::warn!(error = %e, "smtp delivery failed");
            }
        });
    }
}
