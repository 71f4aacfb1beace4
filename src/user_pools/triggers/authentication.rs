//! PreAuthentication (before the first factor is checked: a failure refuses the sign-in)
//! and PostAuthentication (after every factor passed, before tokens: a failure withholds
//! them).

use serde_json::json;

use super::{Caller, Event, Trigger, call, user_attributes};
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::PoolSettings;
use crate::user_pools::store::UserRow;

pub const PRE_AUTHENTICATION: &str = "PreAuthentication_Authentication";
pub const POST_AUTHENTICATION: &str = "PostAuthentication_Authentication";

pub async fn pre_authentication(
    s: &UserPools,
    settings: &PoolSettings,
    user: &UserRow,
    caller: Caller<'_>,
) -> Result<(), UserPoolError> {
    // InitiateAuth's ClientMetadata reaches this trigger as its validationData.
    let request = json!({
        "userAttributes": user_attributes(user)?,
        "validationData": caller.metadata(),
        "userNotFound": false,
    });
    let event = Event::of(user, Trigger::PreAuthentication, PRE_AUTHENTICATION, caller, request);
    call(s, settings, event).await.map(|_| ())
}

pub async fn post_authentication(
    s: &UserPools,
    settings: &PoolSettings,
    user: &UserRow,
    caller: Caller<'_>,
) -> Result<(), UserPoolError> {
    let request = json!({
        "userAttributes": user_attributes(user)?,
        "newDeviceUsed": false,
        "clientMetadata": caller.metadata(),
    });
    let event = Event::of(user, Trigger::PostAuthentication, POST_AUTHENTICATION, caller, request);
    call(s, settings, event).await.map(|_| ())
}
