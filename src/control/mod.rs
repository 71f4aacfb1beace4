//! The test-control API under `/_incognito/`: what a test suite or a developer needs to see
//! that a real user would see elsewhere (the codes and invitations in their inbox). Open in
//! `admin.mode = "open"`, operator-SigV4 otherwise.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::credentials::operator;
use crate::protocol::ApiError;
use crate::state::AppState;
use crate::user_pools::store::MessageRow;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessagesQuery {
    pub user_pool_id: String,
    #[serde(default)]
    pub username: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub user_pool_id: String,
    pub username: String,
    pub destination: String,
    pub delivery_medium: String,
    pub kind: String,
    pub code: String,
    pub message: String,
    /// The email subject (`null` for SMS).
    pub subject: Option<String>,
    /// Epoch milliseconds.
    pub created_at: i64,
}

impl From<MessageRow> for Message {
    fn from(m: MessageRow) -> Self {
        let subject = (m.delivery_medium == "EMAIL")
            .then(|| m.subject.clone().unwrap_or_else(|| crate::user_pools::outbox::subject(&m.kind)));
        Self {
            user_pool_id: m.user_pool_id,
            username: m.username,
            destination: m.destination,
            delivery_medium: m.delivery_medium,
            kind: m.kind,
            code: m.code,
            subject,
            message: m.message,
            created_at: m.created_at,
        }
    }
}

/// How many messages one call returns at most.
const MAX_MESSAGES: i64 = 1000;

/// `GET /_incognito/messages?userPoolId=…&username=…`: the outbox, newest first.
pub async fn messages(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    query: Result<Query<MessagesQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    if let Err(e) = operator::authorize(&state.config, state.clock.as_ref(), &method, &uri, &headers, b"") {
        return ApiError::from_domain(&e).with_status(StatusCode::FORBIDDEN).into_response();
    }
    let Ok(Query(q)) = query else {
        return ApiError::new("InvalidParameterException", "userPoolId is required").into_response();
    };
    match crate::user_pools::outbox::list(
        &state.user_pools,
        &q.user_pool_id,
        q.username.as_deref(),
        MAX_MESSAGES,
    )
    .await
    {
        Ok(rows) => {
            let messages: Vec<Message> = rows.into_iter().map(Into::into).collect();
            Json(serde_json::json!({ "messages": messages })).into_response()
        }
        Err(e) => ApiError::from_domain(&e).into_response(),
    }
}
