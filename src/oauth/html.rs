//! The hosted pages' HTML: one layout, every interpolated value escaped. The element ids
//! and names are the classic hosted UI's (`signInFormUsername`, `signInFormPassword`,
//! `signInSubmitButton`, `_csrf`), which browser tests and scripts written against
//! Cognito select by.

use std::fmt::Write;

/// Escapes text for an HTML element or a double-quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0}\
main{max-width:22rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;\
box-shadow:0 1px 4px rgba(0,0,0,.15)}h1{font-size:1.3rem;margin-top:0}label{display:block;\
margin:.8rem 0 .3rem}input[type=text],input[type=password]{width:100%;box-sizing:border-box;\
padding:.5rem}input[type=submit]{margin-top:1.2rem;width:100%;padding:.6rem;background:#1a73e8;\
color:#fff;border:0;border-radius:4px;font-size:1rem}.error{color:#b00020}.notice{color:#1e6b2e}";

/// A whole page around `body` (already HTML).
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>",
        escape(title)
    )
}

/// A message paragraph: `class` is `error` or `notice`.
pub fn message(class: &str, text: Option<&str>) -> String {
    text.map(|t| format!("<p class=\"{class}\" id=\"{class}Message\">{}</p>", escape(t))).unwrap_or_default()
}

/// A form posting to `action` with the CSRF field and hidden `fields`.
pub struct Form {
    html: String,
}

impl Form {
    pub fn new(action: &str, csrf: &str) -> Self {
        let mut html = format!("<form method=\"post\" action=\"{}\">", escape(action));
        let _ = write!(html, "<input type=\"hidden\" name=\"_csrf\" value=\"{}\">", escape(csrf));
        Self { html }
    }

    pub fn hidden(mut self, name: &str, value: &str) -> Self {
        let _ = write!(
            self.html,
            "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
            escape(name),
            escape(value)
        );
        self
    }

    /// A labelled input; `kind` is `text`, `email` or `password`. Its `autocomplete` hint
    /// follows from the name (a password on a sign-up or reset form is a new one).
    pub fn input(mut self, id: &str, name: &str, label: &str, kind: &str, value: &str) -> Self {
        let new_password =
            kind == "password" && (id.starts_with("signUp") || id.contains("new") || name != "password");
        let autocomplete = match (kind, name) {
            ("password", _) if new_password => "new-password",
            ("password", _) => "current-password",
            (_, "username") => "username",
            (_, "email") => "email",
            (_, "phone_number") => "tel",
            (_, "code" | "confirmation_code") => "one-time-code",
            _ => "on",
        };
        let _ = write!(
            self.html,
            "<label for=\"{id}\">{}</label><input id=\"{id}\" name=\"{}\" type=\"{kind}\" value=\"{}\" \
             autocomplete=\"{autocomplete}\" required>",
            escape(label),
            escape(name),
            escape(value),
            id = escape(id),
        );
        self
    }

    pub fn submit(mut self, name: &str, value: &str) -> String {
        let _ = write!(
            self.html,
            "<input type=\"submit\" name=\"{}\" value=\"{}\"></form>",
            escape(name),
            escape(value)
        );
        self.html
    }
}

#[cfg(test)]
mod tests {
    use super::{Form, escape};

    #[test]
    fn values_cannot_break_out() {
        assert_eq!(escape(r#""><script>'&"#), "&quot;&gt;&lt;script&gt;&#x27;&amp;");
        let form = Form::new("/login?a=1&b=\"2\"", "t").hidden("x", "\"><b>").submit("go", "Go");
        assert!(!form.contains("<b>"));
        assert!(form.contains("action=\"/login?a=1&amp;b=&quot;2&quot;\""));
    }
}
