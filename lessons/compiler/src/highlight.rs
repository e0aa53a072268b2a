//! A small syntax highlighter for the languages lessons show: Rust, Python
//! and shell. It runs on the host at build time and emits
//! `<span class="hl-…">` HTML; nothing of it reaches the wasm.
//!
//! It is a lexer, not a parser: it knows comments, strings, numbers,
//! keywords, names that are called or defined, types (capitalised names),
//! macros, attributes and lifetimes — enough to make code readable, in a few
//! hundred lines that compile in a second (syntect would add tens of seconds
//! of compile time on CI for the same three languages; arborium, measured on
//! these lessons, adds about 85 s and tokenises less of the Python: see
//! docs/highlighting.md).
//!
//! Output is split into lines, and every line's HTML is self-contained: a
//! token that spans lines (a block comment, a triple-quoted string) is closed
//! at the end of each line and reopened on the next. The demo code panel
//! relies on that to light a single line.

use pulldown_cmark_escape::escape_html_body_text;

/// A token class; the CSS class is `hl-` + [`Class::name`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// A keyword: `async`, `fn`, `def`, `await` …
    Kw,
    /// A string or character literal.
    Str,
    /// A number.
    Num,
    /// A comment.
    Com,
    /// A type or class name (capitalised, or a Rust primitive type).
    Ty,
    /// A function or method name where it is defined or called.
    Fn,
    /// A Rust macro call, with its `!`.
    Mac,
    /// A Rust attribute (`#[test]`) or a Python decorator (`@dataclass`).
    Attr,
    /// A Rust lifetime (`'a`).
    Life,
    /// A literal constant: `true`, `false`, `None`, `True`, `False`.
    Lit,
    /// A shell prompt (`$ ` at the start of a line).
    Prompt,
    /// A shell variable (`$HOME`, `${x}`).
    Var,
}

impl Class {
    /// The class name without the `hl-` prefix.
    pub fn name(self) -> &'static str {
        match self {
            Class::Kw => "kw",
            Class::Str => "str",
            Class::Num => "num",
            Class::Com => "com",
            Class::Ty => "ty",
            Class::Fn => "fn",
            Class::Mac => "mac",
            Class::Attr => "attr",
            Class::Life => "life",
            Class::Lit => "lit",
            Class::Prompt => "prompt",
            Class::Var => "var",
        }
    }

    /// Every class, for documentation and tests.
    pub const ALL: [Class; 12] = [
        Class::Kw,
        Class::Str,
        Class::Num,
        Class::Com,
        Class::Ty,
        Class::Fn,
        Class::Mac,
        Class::Attr,
        Class::Life,
        Class::Lit,
        Class::Prompt,
        Class::Var,
    ];
}

/// A language the highlighter knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Rust.
    Rust,
    /// Python.
    Python,
    /// POSIX shell / bash (with an optional `$ ` prompt).
    Shell,
    /// Anything else: escaped, not highlighted.
    Plain,
}

impl Lang {
    /// The language of a fenced code block's first info word.
    pub fn from_info(word: &str) -> Lang {
        match word {
            "rust" | "rs" => Lang::Rust,
            "python" | "py" | "python3" => Lang::Python,
            "sh" | "bash" | "shell" | "console" | "zsh" => Lang::Shell,
            _ => Lang::Plain,
        }
    }
}

/// Highlights `code` and returns one self-contained HTML string per line.
pub fn highlight_lines(code: &str, lang: Lang) -> Vec<String> {
    let tokens = match lang {
        Lang::Rust => rust(code),
        Lang::Python => python(code),
        Lang::Shell => shell(code),
        Lang::Plain => vec![(None, code)],
    };
    render_lines(&tokens)
}

/// Highlights `code` as one HTML string (lines joined by `\n`).
pub fn highlight(code: &str, lang: Lang) -> String {
    highlight_lines(code, lang).join("\n")
}

type Token<'a> = (Option<Class>, &'a str);

/// Appends `text` escaped as HTML text content (`&`, `<`, `>`; quotes stay
/// as they are, which keeps highlighted code small and readable).
fn push_text(line: &mut String, text: &str) {
    escape_html_body_text(line, text).expect("writing to a String cannot fail");
}

fn render_lines(tokens: &[Token<'_>]) -> Vec<String> {
    let mut lines = vec![String::new()];
    for &(class, text) in tokens {
        for (i, piece) in text.split('\n').enumerate() {
            if i > 0 {
                lines.push(String::new());
            }
            if piece.is_empty() {
                continue;
            }
            let line = lines.last_mut().expect("lines is never empty");
            match class {
                Some(c) => {
                    line.push_str("<span class=\"hl-");
                    line.push_str(c.name());
                    line.push_str("\">");
                    push_text(line, piece);
                    line.push_str("</span>");
                }
                None => push_text(line, piece),
            }
        }
    }
    // A trailing newline does not make an extra, empty line.
    if lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// A cursor over source text that hands out byte slices.
struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    out: Vec<Token<'a>>,
    /// Start of plain text not yet pushed.
    plain_from: usize,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Self {
        Lexer {
            src,
            pos: 0,
            out: Vec::new(),
            plain_from: 0,
        }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.rest().chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn flush_plain(&mut self) {
        if self.plain_from < self.pos {
            self.out.push((None, &self.src[self.plain_from..self.pos]));
        }
        self.plain_from = self.pos;
    }

    /// Pushes `src[start..self.pos]` as a token of `class`.
    fn emit(&mut self, start: usize, class: Option<Class>) {
        if start < self.pos {
            self.out.push((class, &self.src[start..self.pos]));
        }
        self.plain_from = self.pos;
    }

    /// Begins a token at the current position (flushing plain text first).
    fn start(&mut self) -> usize {
        self.flush_plain();
        self.pos
    }

    fn finish(mut self) -> Vec<Token<'a>> {
        self.pos = self.src.len();
        self.flush_plain();
        self.out
    }

    fn eat_while(&mut self, f: impl Fn(char) -> bool) {
        while let Some(c) = self.peek() {
            if !f(c) {
                break;
            }
            self.bump();
        }
    }

    fn eat_line(&mut self) {
        self.eat_while(|c| c != '\n');
    }

    /// The last non-whitespace token's text, if it was a keyword `kw`.
    fn after_keyword(&self, kw: &str) -> bool {
        // Only whitespace may be pending as plain text.
        if !self.src[self.plain_from..self.pos].trim().is_empty() {
            return false;
        }
        let mut it = self.out.iter().rev();
        loop {
            match it.next() {
                Some((None, t)) if t.trim().is_empty() => continue,
                Some((Some(Class::Kw), t)) => return *t == kw,
                _ => return false,
            }
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "type", "unsafe", "use", "where",
    "while", "yield", "gen", "union",
];

const RUST_PRIMITIVES: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32",
    "f64", "bool", "char", "str",
];

fn rust(src: &str) -> Vec<Token<'_>> {
    let mut lx = Lexer::new(src);
    while let Some(c) = lx.peek() {
        match c {
            '/' if lx.peek_at(1) == Some('/') => {
                let s = lx.start();
                lx.eat_line();
                lx.emit(s, Some(Class::Com));
            }
            '/' if lx.peek_at(1) == Some('*') => {
                let s = lx.start();
                lx.pos += 2;
                let mut depth = 1;
                while depth > 0 {
                    let rest = lx.rest();
                    if rest.is_empty() {
                        break;
                    } else if rest.starts_with("*/") {
                        depth -= 1;
                        lx.pos += 2;
                    } else if rest.starts_with("/*") {
                        depth += 1;
                        lx.pos += 2;
                    } else {
                        lx.bump();
                    }
                }
                lx.emit(s, Some(Class::Com));
            }
            '#' if matches!(lx.peek_at(1), Some('[')) || lx.rest().starts_with("#![") => {
                let s = lx.start();
                lx.eat_while(|c| c != '[');
                let mut depth = 0;
                while let Some(c) = lx.bump() {
                    match c {
                        '[' => depth += 1,
                        ']' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        '"' => rust_string_body(&mut lx),
                        _ => {}
                    }
                }
                lx.emit(s, Some(Class::Attr));
            }
            '"' => {
                let s = lx.start();
                lx.bump();
                rust_string_body(&mut lx);
                lx.emit(s, Some(Class::Str));
            }
            'r' | 'b' | 'c' if rust_raw_or_prefixed_string(&mut lx) => {}
            '\'' => rust_quote(&mut lx),
            c if c.is_ascii_digit() => {
                let s = lx.start();
                number(&mut lx);
                lx.emit(s, Some(Class::Num));
            }
            c if is_ident_start(c) => rust_ident(&mut lx),
            _ => {
                lx.bump();
            }
        }
    }
    lx.finish()
}

/// After an opening `"`: up to and including the closing one.
fn rust_string_body(lx: &mut Lexer<'_>) {
    while let Some(c) = lx.bump() {
        match c {
            '\\' => {
                lx.bump();
            }
            '"' => break,
            _ => {}
        }
    }
}

/// `r"…"`, `r#"…"#`, `b"…"`, `br"…"`, `c"…"`, `b'x'`. Returns false (and
/// consumes nothing) if the text at the cursor is not one of them.
fn rust_raw_or_prefixed_string(lx: &mut Lexer<'_>) -> bool {
    let rest = lx.rest();
    let prefix_len = if rest.starts_with("br") || rest.starts_with("cr") {
        2
    } else {
        1
    };
    let after = &rest[prefix_len..];
    let raw = rest[..prefix_len].ends_with('r');
    if raw {
        let hashes = after.chars().take_while(|&c| c == '#').count();
        if !after[hashes..].starts_with('"') {
            return false;
        }
        let close = format!("\"{}", "#".repeat(hashes));
        let s = lx.start();
        lx.pos += prefix_len + hashes + 1;
        match lx.rest().find(&close) {
            Some(i) => lx.pos += i + close.len(),
            None => lx.pos = lx.src.len(),
        }
        lx.emit(s, Some(Class::Str));
        true
    } else if after.starts_with('"') && prefix_len == 1 && rest.starts_with(['b', 'c']) {
        let s = lx.start();
        lx.pos += 2;
        rust_string_body(lx);
        lx.emit(s, Some(Class::Str));
        true
    } else if after.starts_with('\'') && rest.starts_with('b') && prefix_len == 1 {
        let s = lx.start();
        lx.pos += 1;
        char_literal(lx);
        lx.emit(s, Some(Class::Str));
        true
    } else {
        false
    }
}

/// At `'`: a char literal, a lifetime, or a lone quote.
fn rust_quote(lx: &mut Lexer<'_>) {
    let c1 = lx.peek_at(1);
    let c2 = lx.peek_at(2);
    if c1 == Some('\\') || (c1.is_some() && c1 != Some('\'') && c2 == Some('\'')) {
        let s = lx.start();
        char_literal(lx);
        lx.emit(s, Some(Class::Str));
    } else if c1.is_some_and(is_ident_start) {
        let s = lx.start();
        lx.bump();
        lx.eat_while(is_ident_char);
        lx.emit(s, Some(Class::Life));
    } else {
        lx.bump();
    }
}

/// At `'`: through the closing `'` of a char literal.
fn char_literal(lx: &mut Lexer<'_>) {
    lx.bump();
    while let Some(c) = lx.bump() {
        match c {
            '\\' => {
                lx.bump();
            }
            '\'' | '\n' => break,
            _ => {}
        }
    }
}

/// Digits, letters (suffixes, hex, exponents), `_`, and a `.` followed by a
/// digit (not `..`).
fn number(lx: &mut Lexer<'_>) {
    loop {
        match lx.peek() {
            Some(c) if c.is_ascii_alphanumeric() || c == '_' => {
                lx.bump();
            }
            Some('.') if lx.peek_at(1).is_some_and(|c| c.is_ascii_digit()) => {
                lx.bump();
            }
            _ => break,
        }
    }
}

fn rust_ident(lx: &mut Lexer<'_>) {
    let after_fn = lx.after_keyword("fn");
    let after_type_kw = lx.after_keyword("struct")
        || lx.after_keyword("enum")
        || lx.after_keyword("trait")
        || lx.after_keyword("type");
    let s = lx.start();
    lx.eat_while(is_ident_char);
    let word = &lx.src[s..lx.pos];
    let next = lx.peek();
    let class = if next == Some('!') && lx.peek_at(1) != Some('=') && !RUST_KEYWORDS.contains(&word)
    {
        lx.bump();
        Some(Class::Mac)
    } else if word == "true" || word == "false" {
        Some(Class::Lit)
    } else if RUST_KEYWORDS.contains(&word) {
        Some(Class::Kw)
    } else if after_fn {
        Some(Class::Fn)
    } else if after_type_kw
        || word == "Self"
        || RUST_PRIMITIVES.contains(&word)
        || word.starts_with(|c: char| c.is_uppercase())
    {
        Some(Class::Ty)
    } else if next == Some('(') || lx.rest().starts_with("::<") {
        Some(Class::Fn)
    } else {
        None
    };
    lx.emit(s, class);
}

const PY_KEYWORDS: &[&str] = &[
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

fn python(src: &str) -> Vec<Token<'_>> {
    let mut lx = Lexer::new(src);
    let mut line_start = true;
    while let Some(c) = lx.peek() {
        let was_line_start = line_start;
        line_start = false;
        match c {
            '\n' => {
                lx.bump();
                line_start = true;
            }
            ' ' | '\t' if was_line_start => {
                lx.bump();
                line_start = true;
            }
            '#' => {
                let s = lx.start();
                lx.eat_line();
                lx.emit(s, Some(Class::Com));
            }
            '@' if was_line_start => {
                let s = lx.start();
                lx.bump();
                lx.eat_while(|c| is_ident_char(c) || c == '.');
                lx.emit(s, Some(Class::Attr));
            }
            '"' | '\'' => {
                let s = lx.start();
                py_string(&mut lx, false);
                lx.emit(s, Some(Class::Str));
            }
            c if c.is_ascii_digit() => {
                let s = lx.start();
                number(&mut lx);
                lx.emit(s, Some(Class::Num));
            }
            c if is_ident_start(c) => {
                // A string prefix: r"", b'', f"", rb"", …
                let rest = lx.rest();
                let prefix = rest
                    .char_indices()
                    .take_while(|(_, c)| "rRbBuUfF".contains(*c))
                    .count();
                if (1..=2).contains(&prefix) && rest[prefix..].starts_with(['"', '\'']) {
                    let raw = rest[..prefix].contains(['r', 'R']);
                    let s = lx.start();
                    lx.pos += prefix;
                    py_string(&mut lx, raw);
                    lx.emit(s, Some(Class::Str));
                } else {
                    py_ident(&mut lx);
                }
            }
            _ => {
                lx.bump();
            }
        }
    }
    lx.finish()
}

/// At an opening quote: through the closing one (triple quotes included).
fn py_string(lx: &mut Lexer<'_>, raw: bool) {
    let q = lx.peek().unwrap_or('"');
    let triple: String = std::iter::repeat_n(q, 3).collect();
    if lx.rest().starts_with(&triple) {
        lx.pos += 3;
        while !lx.rest().is_empty() {
            if lx.rest().starts_with(&triple) {
                lx.pos += 3;
                return;
            }
            if lx.bump() == Some('\\') && !raw {
                lx.bump();
            }
        }
    } else {
        lx.bump();
        while let Some(c) = lx.bump() {
            match c {
                '\\' => {
                    lx.bump();
                }
                '\n' => break,
                c if c == q => break,
                _ => {}
            }
        }
    }
}

fn py_ident(lx: &mut Lexer<'_>) {
    let after_def = lx.after_keyword("def");
    let after_class = lx.after_keyword("class");
    let s = lx.start();
    lx.eat_while(is_ident_char);
    let word = &lx.src[s..lx.pos];
    let class = if matches!(word, "True" | "False" | "None") {
        Some(Class::Lit)
    } else if PY_KEYWORDS.contains(&word) {
        Some(Class::Kw)
    } else if after_def {
        Some(Class::Fn)
    } else if after_class || word.starts_with(|c: char| c.is_uppercase()) {
        Some(Class::Ty)
    } else if lx.peek() == Some('(') {
        Some(Class::Fn)
    } else {
        None
    };
    lx.emit(s, class);
}

fn shell(src: &str) -> Vec<Token<'_>> {
    let mut lx = Lexer::new(src);
    // At the start of a command: the next word is the command's name.
    let mut command_start = true;
    let mut line_start = true;
    let mut word_start = true;
    while let Some(c) = lx.peek() {
        let at_word_start = word_start;
        word_start = false;
        match c {
            '\n' => {
                lx.bump();
                line_start = true;
                command_start = true;
                word_start = true;
                continue;
            }
            '$' if line_start && lx.peek_at(1) == Some(' ') => {
                let s = lx.start();
                lx.pos += 2;
                lx.emit(s, Some(Class::Prompt));
                word_start = true;
            }
            ' ' | '\t' => {
                lx.bump();
                word_start = true;
                continue;
            }
            '#' if at_word_start => {
                let s = lx.start();
                lx.eat_line();
                lx.emit(s, Some(Class::Com));
            }
            '\'' => {
                let s = lx.start();
                lx.bump();
                lx.eat_while(|c| c != '\'');
                lx.bump();
                lx.emit(s, Some(Class::Str));
            }
            '"' => {
                let s = lx.start();
                lx.bump();
                while let Some(c) = lx.bump() {
                    match c {
                        '\\' => {
                            lx.bump();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                lx.emit(s, Some(Class::Str));
            }
            '$' => {
                let s = lx.start();
                lx.bump();
                if lx.peek() == Some('{') {
                    lx.eat_while(|c| c != '}');
                    lx.bump();
                } else {
                    lx.eat_while(is_ident_char);
                }
                lx.emit(s, Some(Class::Var));
            }
            ';' | '|' | '&' | '(' => {
                lx.bump();
                command_start = true;
                word_start = true;
            }
            _ if at_word_start && command_start => {
                let rest = lx.rest();
                let name: usize = rest
                    .chars()
                    .take_while(|&c| is_ident_char(c))
                    .map(char::len_utf8)
                    .sum();
                if name > 0 && rest[name..].starts_with('=') {
                    // `FOO=1 cmd`: an assignment; the command comes after it.
                    lx.pos += name + 1;
                } else {
                    let s = lx.start();
                    lx.eat_while(|c| !c.is_whitespace() && !";|&()".contains(c));
                    lx.emit(s, Some(Class::Fn));
                    command_start = false;
                }
            }
            _ => {
                lx.bump();
            }
        }
        line_start = false;
    }
    lx.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl(code: &str, lang: Lang) -> String {
        highlight(code, lang)
    }

    #[test]
    fn rust_tokens() {
        assert_eq!(
            hl("pub async fn run(k: Knobs) {", Lang::Rust),
            "<span class=\"hl-kw\">pub</span> <span class=\"hl-kw\">async</span> \
             <span class=\"hl-kw\">fn</span> <span class=\"hl-fn\">run</span>(k: \
             <span class=\"hl-ty\">Knobs</span>) {"
        );
        assert_eq!(
            hl("let x = 1_000u64; // c", Lang::Rust),
            "<span class=\"hl-kw\">let</span> x = <span class=\"hl-num\">1_000u64</span>; \
             <span class=\"hl-com\">// c</span>"
        );
        assert_eq!(
            hl("println!(\"a \\\"b\\\" <c>\");", Lang::Rust),
            "<span class=\"hl-mac\">println!</span>(<span class=\"hl-str\">\"a \\\"b\\\" \
             &lt;c&gt;\"</span>);"
        );
        assert_eq!(
            hl("for i in 0..3 {}", Lang::Rust),
            "<span class=\"hl-kw\">for</span> i <span class=\"hl-kw\">in</span> \
             <span class=\"hl-num\">0</span>..<span class=\"hl-num\">3</span> {}"
        );
    }

    #[test]
    fn rust_quotes_lifetimes_and_raw_strings() {
        assert_eq!(
            hl("fn f<'a>(x: &'a str) -> char { 'x' }", Lang::Rust),
            "<span class=\"hl-kw\">fn</span> <span class=\"hl-fn\">f</span>&lt;\
             <span class=\"hl-life\">'a</span>&gt;(x: &amp;<span class=\"hl-life\">'a</span> \
             <span class=\"hl-ty\">str</span>) -&gt; <span class=\"hl-ty\">char</span> { \
             <span class=\"hl-str\">'x'</span> }"
        );
        assert_eq!(
            hl("r#\"a \"q\" b\"#", Lang::Rust),
            "<span class=\"hl-str\">r#\"a \"q\" b\"#</span>"
        );
        assert_eq!(
            hl("b'\\n' '\\''", Lang::Rust),
            "<span class=\"hl-str\">b'\\n'</span> <span class=\"hl-str\">'\\''</span>"
        );
        // `r` and `b` alone are plain identifiers.
        assert_eq!(hl("r + b", Lang::Rust), "r + b");
    }

    #[test]
    fn rust_attributes_and_macros() {
        assert_eq!(
            hl("#[derive(Debug)]\nx != y", Lang::Rust),
            "<span class=\"hl-attr\">#[derive(Debug)]</span>\nx != y"
        );
        assert_eq!(
            hl("stream::iter(v).next().await", Lang::Rust),
            "stream::<span class=\"hl-fn\">iter</span>(v).<span class=\"hl-fn\">next</span>().\
             <span class=\"hl-kw\">await</span>"
        );
    }

    #[test]
    fn multi_line_tokens_are_closed_on_every_line() {
        let lines = highlight_lines("a /* one\ntwo */ b\n\"x\ny\"", Lang::Rust);
        assert_eq!(
            lines,
            vec![
                "a <span class=\"hl-com\">/* one</span>",
                "<span class=\"hl-com\">two */</span> b",
                "<span class=\"hl-str\">\"x</span>",
                "<span class=\"hl-str\">y\"</span>",
            ]
        );
        // Every line balances its spans.
        for l in &lines {
            assert_eq!(l.matches("<span").count(), l.matches("</span>").count());
        }
    }

    #[test]
    fn empty_lines_are_kept_but_not_a_trailing_one() {
        assert_eq!(highlight_lines("a\n\nb\n", Lang::Plain), vec!["a", "", "b"]);
        assert_eq!(highlight_lines("", Lang::Rust), vec![""]);
    }

    #[test]
    fn python_tokens() {
        assert_eq!(
            hl("async def gen(n):\n    yield None  # x", Lang::Python),
            "<span class=\"hl-kw\">async</span> <span class=\"hl-kw\">def</span> \
             <span class=\"hl-fn\">gen</span>(n):\n    <span class=\"hl-kw\">yield</span> \
             <span class=\"hl-lit\">None</span>  <span class=\"hl-com\"># x</span>"
        );
        assert_eq!(
            hl(
                "@contextlib.asynccontextmanager\nclass A(B): pass",
                Lang::Python
            ),
            "<span class=\"hl-attr\">@contextlib.asynccontextmanager</span>\n\
             <span class=\"hl-kw\">class</span> <span class=\"hl-ty\">A</span>(\
             <span class=\"hl-ty\">B</span>): <span class=\"hl-kw\">pass</span>"
        );
        assert_eq!(
            hl("print(f\"{x!r}\", rb'\\d', 'it''s')", Lang::Python),
            "<span class=\"hl-fn\">print</span>(<span class=\"hl-str\">f\"{x!r}\"</span>, \
             <span class=\"hl-str\">rb'\\d'</span>, <span class=\"hl-str\">'it'</span>\
             <span class=\"hl-str\">'s'</span>)"
        );
        let lines = highlight_lines("s = \"\"\"a\n# not a comment\n\"\"\"", Lang::Python);
        assert_eq!(lines[1], "<span class=\"hl-str\"># not a comment</span>");
        // `a @ b` is matrix multiplication, not a decorator.
        assert_eq!(hl("a @ b", Lang::Python), "a @ b");
    }

    #[test]
    fn shell_tokens() {
        assert_eq!(
            hl("$ cargo test -p lessons # all\nFOO=\"x y\" echo $HOME | wc -l", Lang::Shell),
            "<span class=\"hl-prompt\">$ </span><span class=\"hl-fn\">cargo</span> test -p lessons \
             <span class=\"hl-com\"># all</span>\nFOO=<span class=\"hl-str\">\"x y\"</span> \
             <span class=\"hl-fn\">echo</span> <span class=\"hl-var\">$HOME</span> | \
             <span class=\"hl-fn\">wc</span> -l"
        );
        // `#` inside a word is not a comment.
        assert_eq!(
            hl("echo a#b", Lang::Shell),
            "<span class=\"hl-fn\">echo</span> a#b"
        );
    }

    #[test]
    fn plain_text_is_only_escaped() {
        assert_eq!(
            hl("t0 P · <b> & 'q'", Lang::Plain),
            "t0 P · &lt;b&gt; &amp; 'q'"
        );
    }
}
