//! The segment stage: news-grade tokens and sentences, in one linear pass each.
//!
//! Tokens: words (hyphenated words and inner apostrophes kept whole: `wide-ranging`, `O'Brien`),
//! numbers with decimals and thousands separators (`2,500.75`), possessive `’s`/`'s` split off as
//! its own token, abbreviations and initials keep their period (`Gen.`, `U.S.`, `Jan.`, `J.`),
//! punctuation one token per char (runs like `...` or `--` kept together).
//!
//! Sentences: break after `.!?` (plus closing quotes/brackets) unless the next token continues
//! the sentence (lowercase word, comma...); never after an abbreviation or initial, except a
//! sentence-final-capable one (`U.S.`, `Inc.`) followed by a clear sentence opener (`The`, `He`);
//! every line break is a hard break, so headlines and paragraph lines end their sentence.

use crate::doc::{Annotation, Doc, Sentence, Token, TokenKind};
use crate::error::Result;
use crate::lexicon::{is_abbreviation, SentenceWord};
use crate::model::Span;
use crate::stage::Stage;
use crate::text::{is_apostrophe, is_closing, is_dash, is_double_quote, is_word_char};

pub struct SegmentStage;

impl Stage for SegmentStage {
    fn name(&self) -> &'static str {
        "segment"
    }
    fn requires(&self) -> &'static [Annotation] {
        &[]
    }
    fn provides(&self) -> &'static [Annotation] {
        &[Annotation::Tokens, Annotation::Sentences]
    }
    fn run(&self, doc: &mut Doc<'_>) -> Result<()> {
        doc.tokens = tokenize(doc.text);
        doc.sentences = split_sentences(doc.text, &doc.tokens);
        Ok(())
    }
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Char ending just before byte `i`.
fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// Splits `text` into tokens. Linear in `text.len()`; spans lie on char boundaries.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if is_word_char(c) {
            let end = scan_word(text, i);
            let kind = if c.is_numeric() && !text[start..end].chars().any(char::is_alphabetic) {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            out.push(Token {
                span: Span::new(start, end),
                kind,
            });
            i = end;
            continue;
        }
        // Possessive 's right after a word: its own token.
        if is_apostrophe(c) && char_before(text, i).is_some_and(is_word_char) {
            let j = i + c.len_utf8();
            if matches!(char_at(text, j), Some('s' | 'S'))
                && !char_at(text, j + 1).is_some_and(is_word_char)
            {
                out.push(Token {
                    span: Span::new(i, j + 1),
                    kind: TokenKind::Word,
                });
                i = j + 1;
                continue;
            }
        }
        // Punctuation or symbol; runs of the same `.`, `-`, `!`, `?` stay together.
        let mut end = i + c.len_utf8();
        if matches!(c, '.' | '-' | '!' | '?' | '*' | '=' | '_') {
            while char_at(text, end) == Some(c) {
                end += 1;
            }
        }
        let kind = if is_punct(c) {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        out.push(Token {
            span: Span::new(start, end),
            kind,
        });
        i = end;
    }
    out
}

fn is_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\''
            | '"'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '-'
            | '/'
            | '\\'
            | '&'
            | '*'
            | '_'
            | '…'
            | '¡'
            | '¿'
            | '·'
            | '•'
            | '§'
            | '¶'
    ) || is_apostrophe(c)
        || is_double_quote(c)
        || is_dash(c)
        || matches!(
            c,
            '\u{2039}' | '\u{203A}' | '\u{3001}' | '\u{3002}' | '\u{FF0C}'
        )
}

/// Scans a word or number starting at `i` (a word char); returns its end.
fn scan_word(text: &str, i: usize) -> usize {
    let first = char_at(text, i).unwrap_or(' ');
    // Dotted acronyms: U.S., e.g., a.m., D.C. — one letter, a period, repeated at least twice.
    if first.is_alphabetic() {
        let mut j = i;
        let mut groups = 0;
        while let Some(l) = char_at(text, j).filter(|l| l.is_alphabetic()) {
            let after = j + l.len_utf8();
            if char_at(text, after) != Some('.') {
                break;
            }
            groups += 1;
            j = after + 1;
        }
        if groups >= 2 {
            return j;
        }
    }

    let mut j = i;
    while let Some(c) = char_at(text, j) {
        if is_word_char(c) {
            j += c.len_utf8();
            continue;
        }
        let prev = char_before(text, j);
        let next = char_at(text, j + c.len_utf8());
        let next_word = next.is_some_and(is_word_char);
        let joins = match c {
            // 3.5, 2,500 — and lowercase domains like example.com.
            '.' | ',' => {
                (prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit()))
                    || (c == '.'
                        && prev.is_some_and(char::is_alphanumeric)
                        && next.is_some_and(|n| n.is_lowercase())
                        && followed_by_word_then_boundary(text, j + 1))
            }
            // Hyphenated words and numeric ranges; not em dashes.
            '-' | '\u{2010}' | '\u{2011}' => next_word,
            '\u{2013}' => {
                prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            }
            '&' => prev.is_some_and(char::is_uppercase) && next.is_some_and(char::is_uppercase),
            _ if is_apostrophe(c) => {
                // Possessive 's / plural ' are split off; don't, O'Brien, rock'n'roll stay whole.
                let possessive = matches!(next, Some('s' | 'S'))
                    && !char_at(text, j + c.len_utf8() + 1).is_some_and(is_word_char);
                next.is_some_and(char::is_alphabetic) && !possessive
            }
            _ => false,
        };
        if !joins {
            break;
        }
        j += c.len_utf8();
    }
    // An abbreviation or an initial keeps its period.
    if char_at(text, j) == Some('.') {
        let w = &text[i..j];
        let initial = w.chars().count() == 1 && first.is_uppercase();
        if initial || is_abbreviation(w) {
            return j + 1;
        }
    }
    j
}

/// True when a word starts at `i` and ends at a non-word, non-period char (so `example.com` joins
/// but `end.Next` and `a.b.c.` shapes are not swallowed).
fn followed_by_word_then_boundary(text: &str, i: usize) -> bool {
    let mut j = i;
    let mut n = 0;
    while let Some(c) = char_at(text, j) {
        if !c.is_alphanumeric() || n > 24 {
            break;
        }
        n += 1;
        j += c.len_utf8();
    }
    n >= 2
}

fn is_terminal(tok: &str) -> bool {
    !tok.is_empty() && tok.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

fn has_line_break(gap: &str) -> bool {
    gap.contains([
        '\n', '\r', '\u{2028}', '\u{2029}', '\u{0B}', '\u{0C}', '\u{85}',
    ])
}

/// Groups tokens into sentences. Linear in the number of tokens.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let tok = |k: usize| tokens[k].span.slice(text);
    let mut start = 0;
    let mut i = 0;
    let n = tokens.len();
    let push = |out: &mut Vec<Sentence>, s: usize, e: usize| {
        if e > s {
            out.push(Sentence {
                span: Span::new(tokens[s].span.start, tokens[e - 1].span.end),
                tokens: s..e,
            });
        }
    };
    while i < n {
        if i > start && has_line_break(&text[tokens[i - 1].span.end..tokens[i].span.start]) {
            push(&mut out, start, i);
            start = i;
        }
        let t = tok(i);
        let mut end = i + 1;
        let mut brk = false;
        if is_terminal(t) {
            // Absorb closing quotes and brackets that hug the terminal.
            while end < n && tokens[end].span.start == tokens[end - 1].span.end {
                let c = tok(end).chars().next().unwrap_or(' ');
                if is_closing(c) || (is_double_quote(c) && c != '\u{201C}' && c != '\u{201E}') {
                    end += 1;
                } else {
                    break;
                }
            }
            brk = end >= n || starts_sentence(tok(end));
        } else if t.len() > 1 && t.ends_with('.') && tokens[i].kind == TokenKind::Word {
            // Abbreviation or dotted acronym: only a sentence-final one before a clear opener.
            let bare = &t[..t.len() - 1];
            let dotted = bare.contains('.');
            if (dotted || SentenceWord::FinalAbbreviation.has(bare)) && end < n {
                brk = SentenceWord::SentenceOpener.has(tok(end));
            }
        }
        if brk {
            push(&mut out, start, end);
            start = end;
        }
        i = end;
    }
    push(&mut out, start, n);
    out
}

/// Whether a token after `.!?` opens a new sentence (rather than `"Go!" she said`, `...,`).
fn starts_sentence(t: &str) -> bool {
    match t.chars().next() {
        None => true,
        Some(c) if c.is_lowercase() => false,
        Some(',' | ';' | ':' | ')' | ']' | '}') => false,
        Some(c) if is_dash(c) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.span.slice(s)).collect()
    }

    fn sents(s: &str) -> Vec<&str> {
        let t = tokenize(s);
        split_sentences(s, &t)
            .iter()
            .map(|x| x.span.slice(s))
            .collect()
    }

    #[test]
    fn possessives_split_and_hyphens_kept() {
        assert_eq!(
            toks("Pakistan’s wide-ranging talks, the Afghans' plight and Jones's car."),
            vec![
                "Pakistan",
                "’s",
                "wide-ranging",
                "talks",
                ",",
                "the",
                "Afghans",
                "'",
                "plight",
                "and",
                "Jones",
                "'s",
                "car",
                "."
            ]
        );
        assert_eq!(toks("the US’ interest"), vec!["the", "US", "’", "interest"]);
        assert_eq!(
            toks("don't O'Brien it's"),
            vec!["don't", "O'Brien", "it", "'s"]
        );
    }

    #[test]
    fn numbers_abbreviations_initials() {
        assert_eq!(
            toks("Gen. J. R. Smith paid $2,500.75 on Jan. 3, 2024 in the U.S.-backed 2025-2026 plan..."),
            vec![
                "Gen.", "J.", "R.", "Smith", "paid", "$", "2,500.75", "on", "Jan.", "3", ",",
                "2024", "in", "the", "U.S.", "-", "backed", "2025-2026", "plan", "..."
            ]
        );
        assert_eq!(toks("at 9 a.m. today"), vec!["at", "9", "a.m.", "today"]);
        assert_eq!(toks("Dr. Who (Inc.)"), vec!["Dr.", "Who", "(", "Inc.", ")"]);
        let t = tokenize("2,500 apples");
        assert_eq!(t[0].kind, TokenKind::Number);
        assert_eq!(t[1].kind, TokenKind::Word);
    }

    #[test]
    fn sentence_breaks_respect_abbreviations() {
        assert_eq!(
            sents(
                "Gen. Smith met Dr. Jones in Washington. They talked. He left at 5 p.m. on Friday."
            ),
            vec![
                "Gen. Smith met Dr. Jones in Washington.",
                "They talked.",
                "He left at 5 p.m. on Friday."
            ]
        );
        assert_eq!(
            sents("He moved to the U.S. The move was quick. Aid from the U.S. Congress came."),
            vec![
                "He moved to the U.S.",
                "The move was quick.",
                "Aid from the U.S. Congress came."
            ]
        );
        assert_eq!(
            sents("She works at Acme Inc. He does not. J. K. Rowling wrote it."),
            vec![
                "She works at Acme Inc.",
                "He does not.",
                "J. K. Rowling wrote it."
            ]
        );
    }

    #[test]
    fn quotes_brackets_and_lines() {
        assert_eq!(
            sents("“We will win,” he said. “Really?” she asked. \"Yes.\" (It was late.) Done"),
            vec![
                "“We will win,” he said.",
                "“Really?” she asked.",
                "\"Yes.\"",
                "(It was late.)",
                "Done"
            ]
        );
        assert_eq!(
            sents("Big Headline Without Stop\nWASHINGTON (Reuters) - Talks began\n\nNext para."),
            vec![
                "Big Headline Without Stop",
                "WASHINGTON (Reuters) - Talks began",
                "Next para."
            ]
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "",
            ".",
            "’",
            "'s",
            "a.",
            "U.S",
            "U.S.",
            "é\u{301}.",
            "\u{0}\u{7}",
            "...!?",
            "A.B",
            "x'",
            "‐-–—",
        ] {
            let t = tokenize(s);
            for x in &t {
                assert!(s.get(x.span.start..x.span.end).is_some());
                assert!(!x.span.is_empty());
            }
            split_sentences(s, &t);
        }
    }
}

#[cfg(test)]
mod seed_tests {
    use super::*;

    /// The repo's seed fixture: every paragraph line is at least one sentence and `’s` splits.
    #[test]
    fn seed_fixture_lines_are_sentences() {
        let text = include_str!("../../../tests/fixtures/seed_article.txt");
        let t = tokenize(text);
        let s = split_sentences(text, &t);
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        assert!(
            s.len() >= lines,
            "{} sentences for {} lines",
            s.len(),
            lines
        );
        for x in &s {
            assert!(!x.span.slice(text).contains('\n'));
        }
        assert!(t.iter().any(|x| x.span.slice(text) == "’s"));
        assert!(s
            .iter()
            .any(|x| x.span.slice(text).starts_with("He also called on")));
    }
}
