//! Real delivery by SMTP, against a minimal SMTP server in the test that speaks the
//! protocol (greeting, EHLO, MAIL, RCPT, DATA, QUIT) and hands over what it received.

use aws_sdk_cognitoidentityprovider::types::AttributeType;
use incognito::config::{SmtpConfig, SmtpTls};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

use crate::helpers::{Options, TestApp};

/// Accepts SMTP sessions and sends each message's (recipients, data) down the channel.
async fn smtp_sink() -> (u16, mpsc::UnboundedReceiver<(Vec<String>, String)>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                let (mut rcpt, mut data, mut in_data) = (Vec::new(), String::new(), false);
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            tx.send((std::mem::take(&mut rcpt), std::mem::take(&mut data))).ok();
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250 sink\r\n"
                    } else if upper.starts_with("RCPT TO:") {
                        rcpt.push(line[8..].trim().trim_matches(['<', '>']).to_string());
                        b"250 ok\r\n"
                    } else if upper.starts_with("DATA") {
                        in_data = true;
                        b"354 go ahead\r\n"
                    } else if upper.starts_with("QUIT") {
                        write.write_all(b"221 bye\r\n").await.ok();
                        break;
                    } else {
                        b"250 ok\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, rx)
}

#[tokio::test]
async fn invitations_are_mailed_when_smtp_is_configured() {
    // Arrange
    let (port, mut inbox) = smtp_sink().await;
    let smtp = SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        tls: SmtpTls::None,
        username: None,
        password: None,
        from: "no-reply@incognito.test".into(),
    };
    let app = TestApp::spawn_with(Options { smtp: Some(smtp), ..Default::default() }).await;
    let pool = app.pool().await;

    // Act
    app.idp
        .admin_create_user()
        .user_pool_id(&pool)
        .username("mia")
        .temporary_password("Temp-Pass-123")
        .user_attributes(AttributeType::builder().name("email").value("mia@example.com").build().unwrap())
        .desired_delivery_mediums(aws_sdk_cognitoidentityprovider::types::DeliveryMediumType::Email)
        .send()
        .await
        .unwrap();

    // Assert
    let (to, data) =
        tokio::time::timeout(std::time::Duration::from_secs(10), inbox.recv()).await.unwrap().unwrap();
    assert_eq!(to, ["mia@example.com"]);
    assert!(data.contains("Temp-Pass-123"), "{data}");
    assert!(data.contains("no-reply@incognito.test"));
}
