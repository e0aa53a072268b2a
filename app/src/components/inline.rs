//! Lesson titles and summaries are plain text from front matter, where
//! authors write code the Markdown way: "`break` and when cleanup runs".
//! [`Inline`] shows the backticked parts as `<code>` (as text nodes, never as
//! HTML); [`plain`] drops the backticks for the document title.

use leptos::prelude::*;

/// Splits `text` at backticks into `(is_code, part)` pieces. An unpaired
/// backtick is kept as text.
pub fn code_spans(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else {
            break;
        };
        if open > 0 {
            out.push((false, &rest[..open]));
        }
        let code = &rest[open + 1..open + 1 + len];
        if !code.is_empty() {
            out.push((true, code));
        }
        rest = &rest[open + 2 + len..];
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}

/// `text` without the backticks of its code spans.
pub fn plain(text: &str) -> String {
    code_spans(text).into_iter().map(|(_, s)| s).collect()
}

/// `text` with its backticked parts as `<code>`.
#[component]
pub fn Inline(
    /// Plain text with Markdown-style code spans.
    text: &'static str,
) -> impl IntoView {
    code_spans(text)
        .into_iter()
        .map(|(code, s)| {
            if code {
                view! { <code>{s}</code> }.into_any()
            } else {
                s.into_any()
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_code_spans() {
        assert_eq!(
            code_spans("`break` and `Drop`!"),
            [
                (true, "break"),
                (false, " and "),
                (true, "Drop"),
                (false, "!")
            ]
        );
        assert_eq!(code_spans("no code"), [(false, "no code")]);
        assert_eq!(code_spans("a `b"), [(false, "a `b")]);
        assert_eq!(code_spans("a `` b"), [(false, "a "), (false, " b")]);
        assert!(code_spans("").is_empty());
    }

    #[test]
    fn plain_drops_backticks() {
        assert_eq!(plain("`break` 与清理时机"), "break 与清理时机");
        assert_eq!(plain("odd ` tick"), "odd ` tick");
    }
}
