//! A deliberately tiny TOML reader for front matter and
//! `myths-left-out.toml`: `key = value` lines, where a value is a basic
//! (`"…"`) or literal (`'…'`) string, an integer or a boolean; `#` comments
//! and blank lines. Anything else (tables, arrays, multi-line strings) is an
//! error that says so — the lesson format needs nothing more, and a real TOML
//! parser would cost more compile time than everything else here.

/// A value of the subset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
}

/// One `key = value` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// The value.
    pub value: Value,
    /// 1-based line number in the text that was parsed.
    pub line: usize,
}

/// Parses `text`; `first_line` is the line number of its first line in the
/// file (for messages). Errors are `(line, message)`.
pub fn parse(text: &str, first_line: usize) -> Result<Vec<Entry>, (usize, String)> {
    let mut out: Vec<Entry> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = first_line + i;
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if l.starts_with('[') {
            return Err((
                line,
                "tables are not supported here; use `key = value` lines".into(),
            ));
        }
        let Some((key, rest)) = l.split_once('=') else {
            return Err((line, format!("expected `key = value`, found `{l}`")));
        };
        let key =
            parse_key(key.trim()).ok_or_else(|| (line, format!("bad key `{}`", key.trim())))?;
        if out.iter().any(|e| e.key == key) {
            return Err((line, format!("`{key}` is given twice")));
        }
        let value = parse_value(rest.trim()).map_err(|m| (line, m))?;
        out.push(Entry { key, value, line });
    }
    Ok(out)
}

fn parse_key(k: &str) -> Option<String> {
    if let Some(inner) = k.strip_prefix('"').and_then(|k| k.strip_suffix('"')) {
        return Some(inner.to_string());
    }
    (!k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
    .then(|| k.to_string())
}

fn parse_value(v: &str) -> Result<Value, String> {
    if v.starts_with("\"\"\"") || v.starts_with("'''") {
        return Err("multi-line strings are not supported here; keep the value on one line".into());
    }
    if let Some(body) = v.strip_prefix('"') {
        let (s, rest) = basic_string(body)?;
        trailing(rest)?;
        return Ok(Value::Str(s));
    }
    if let Some(body) = v.strip_prefix('\'') {
        let end = body
            .find('\'')
            .ok_or("unterminated string (missing closing `'`)")?;
        trailing(&body[end + 1..])?;
        return Ok(Value::Str(body[..end].to_string()));
    }
    let word = v.split('#').next().unwrap_or(v).trim();
    match word {
        "true" => Ok(Value::Bool(true)),
        "false" => Ok(Value::Bool(false)),
        _ => word
            .replace('_', "")
            .parse::<i64>()
            .map(Value::Int)
            .map_err(|_| {
                if word.is_empty() {
                    "missing value after `=`".to_string()
                } else {
                    format!("`{word}` is not a value this reader knows (a \"string\", an integer or true/false); strings need quotes")
                }
            }),
    }
}

/// After a value, only whitespace or a comment.
fn trailing(rest: &str) -> Result<(), String> {
    let rest = rest.trim();
    if rest.is_empty() || rest.starts_with('#') {
        Ok(())
    } else {
        Err(format!("unexpected `{rest}` after the value"))
    }
}

/// The body of a basic string after its opening `"`: the unescaped value and
/// what follows the closing quote.
fn basic_string(body: &str) -> Result<(String, &str), String> {
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((out, &body[i + 1..])),
            '\\' => {
                let (_, e) = chars.next().ok_or("unterminated escape")?;
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    '"' => out.push('"'),
                    '\\' => out.push('\\'),
                    'u' | 'U' => {
                        let n = if e == 'u' { 4 } else { 8 };
                        let hex: String = (0..n)
                            .filter_map(|_| chars.next().map(|(_, c)| c))
                            .collect();
                        let c = u32::from_str_radix(&hex, 16)
                            .ok()
                            .and_then(char::from_u32)
                            .ok_or_else(|| format!("bad escape `\\{e}{hex}`"))?;
                        out.push(c);
                    }
                    _ => return Err(format!("unknown escape `\\{e}`")),
                }
            }
            c => out.push(c),
        }
    }
    Err("unterminated string (missing closing `\"`)".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_subset() {
        let e = parse(
            "# c\ntitle = \"a \\\"b\\\" \\u00e9 中\" # note\nlit = 'C:\\x'\nn = 1_000\nok = true\n\n",
            10,
        )
        .expect("valid");
        assert_eq!(e.len(), 4);
        assert_eq!(e[0].key, "title");
        assert_eq!(e[0].value, Value::Str("a \"b\" é 中".into()));
        assert_eq!(e[0].line, 11);
        assert_eq!(e[1].value, Value::Str("C:\\x".into()));
        assert_eq!(e[2].value, Value::Int(1000));
        assert_eq!(e[3].value, Value::Bool(true));
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(parse("a = 1\nb = hello", 1).unwrap_err().0, 2);
        assert!(parse("t = \"open", 1)
            .unwrap_err()
            .1
            .contains("unterminated"));
        assert!(parse("a = 1\na = 2", 1).unwrap_err().1.contains("twice"));
        assert!(parse("[x]", 1).unwrap_err().1.contains("tables"));
        assert!(parse("t = \"\"\"x", 1)
            .unwrap_err()
            .1
            .contains("multi-line"));
        assert!(parse("t = \"x\" y", 1)
            .unwrap_err()
            .1
            .contains("unexpected"));
        assert!(parse("just words", 1)
            .unwrap_err()
            .1
            .contains("key = value"));
    }
}
