//! The hosted pages' HTML: askama templates under `templates/hosted/` (compiled into the
//! binary, every value escaped by askama), one struct per page. The element ids and names
//! are the classic hosted UI's (`signInFormUsername`, `signInFormPassword`,
//! `signInSubmitButton`, `_csrf`), which browser tests and scripts written against Cognito
//! select by. Forms carry labels, `required` and `autocomplete` hints, and errors are
//! announced (`role="alert"`) next to the form; nothing needs JavaScript.

use askama::Template;

/// Renders a page; a template that fails to render (it cannot, short of a bug) is logged
/// and answered with a bare page.
pub fn render(page: &impl Template) -> String {
    page.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "a hosted page failed to render");
        "<!DOCTYPE html><title>Error</title><h1>Something went wrong</h1>".into()
    })
}

#[derive(Template)]
#[template(path = "hosted/login.html")]
pub struct LoginPage<'a> {
    pub action: &'a str,
    pub csrf: &'a str,
    pub username: &'a str,
    pub notice: Option<&'a str>,
    pub error: Option<&'a str>,
    pub forgot_url: &'a str,
    /// `None` when only operators create users.
    pub signup_url: Option<&'a str>,
}

/// What the challenge page asks for.
pub enum ChallengeStep {
    NewPassword,
    /// An SMS, email or TOTP code; where the code went, if it was sent.
    Code(Option<String>),
    /// SELECT_MFA_TYPE: one button per factor.
    Select(Vec<String>),
    /// A step the pages do not offer (MFA_SETUP).
    Unavailable,
}

#[derive(Template)]
#[template(path = "hosted/challenge.html")]
pub struct ChallengePage<'a> {
    pub step: ChallengeStep,
    /// The domain base URL and the authorize query the form actions carry.
    pub base: &'a str,
    pub query: &'a str,
    pub csrf: &'a str,
    pub session: &'a str,
    pub username: &'a str,
    pub challenge: &'a str,
    pub error: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "hosted/signup.html")]
pub struct SignupPage<'a> {
    pub action: &'a str,
    pub csrf: &'a str,
    /// Required attributes besides username, email and password.
    pub required: Vec<String>,
    pub error: Option<&'a str>,
    pub login_url: &'a str,
}

#[derive(Template)]
#[template(path = "hosted/confirm.html")]
pub struct ConfirmPage<'a> {
    pub action: &'a str,
    pub resend_action: &'a str,
    pub csrf: &'a str,
    pub username: &'a str,
    pub notice: Option<&'a str>,
    pub error: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "hosted/forgot.html")]
pub struct ForgotPage<'a> {
    pub action: &'a str,
    pub csrf: &'a str,
    pub error: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "hosted/reset.html")]
pub struct ResetPage<'a> {
    pub action: &'a str,
    pub csrf: &'a str,
    pub username: &'a str,
    pub error: Option<&'a str>,
}

/// A page with a heading and an optional error line: `/error`, our own failures, CSRF.
#[derive(Template)]
#[template(path = "hosted/message.html")]
pub struct MessagePage<'a> {
    pub title: &'a str,
    pub heading: &'a str,
    pub text: Option<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::{LoginPage, render};

    #[test]
    fn values_cannot_break_out() {
        let page = render(&LoginPage {
            action: "/login?a=1&b=\"2\"",
            csrf: "t",
            username: "\"><script>alert(1)</script>",
            notice: None,
            error: Some("<b>bad</b>"),
            forgot_url: "/forgotPassword?x='y'",
            signup_url: None,
        });
        assert!(!page.contains("<script>") && !page.contains("<b>"), "{page}");
        assert!(
            page.contains("action=\"/login?a=1&#38;b=&#34;2&#34;\"")
                || page.contains("action=\"/login?a=1&amp;b=&quot;2&quot;\""),
            "{page}"
        );
        assert!(page.contains("id=\"signInFormUsername\""));
        assert!(!page.contains("signUpLink"));
    }
}
