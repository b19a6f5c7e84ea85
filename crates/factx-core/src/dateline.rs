//! The dateline stage: the dateline (`ISLAMABAD:`, `WASHINGTON (Reuters) -`, `LONDON, March 3 -`,
//! `NEW YORK —`) at the start of the body or of its second paragraph (after a headline) or third
//! (after a headline and a byline). The place is the default location of the article's events
//! ("the embassy here").

use crate::doc::{Annotation, Dateline, Doc, Token, TokenKind};
use crate::error::Result;
use crate::lexicon::{names, NameKind};
use crate::model::Span;
use crate::stage::Stage;
use crate::text::{is_all_caps, is_capitalized, is_dash};

pub struct DatelineStage;

impl Stage for DatelineStage {
    fn name(&self) -> &'static str {
        "dateline"
    }
    fn requires(&self) -> &'static [Annotation] {
        &[Annotation::Tokens]
    }
    fn provides(&self) -> &'static [Annotation] {
        &[Annotation::Dateline]
    }
    fn run(&self, doc: &mut Doc<'_>) -> Result<()> {
        doc.dateline = find_dateline(doc.text, &doc.tokens);
        Ok(())
    }
}

/// Longest place name (in tokens) a dateline may hold.
const MAX_PLACE: usize = 4;
/// How far after the place (in tokens) the dash or colon may come (`, March 3 (Reuters) -`).
const MAX_TAIL: usize = 10;

/// Longest headline (in tokens) a dateline may follow.
const MAX_HEADLINE: usize = 64;

/// Finds a dateline at the start of `text`'s first or second paragraph (after a headline), or of
/// its third when the second is a byline (`By Jane Doe`). Paragraphs, not lines: a hard-wrapped
/// headline runs over several lines.
pub fn find_dateline(text: &str, tokens: &[Token]) -> Option<Dateline> {
    let starts = crate::segment::paragraph_starts(text, tokens);
    for (n, &k) in starts.iter().enumerate().take(3) {
        if k > MAX_HEADLINE * n.max(1) {
            return None;
        }
        let after_byline = || {
            tokens
                .get(starts[1])
                .is_some_and(|t| t.span.slice(text) == "By")
        };
        if n == 2 && !after_byline() {
            return None;
        }
        if let Some(d) = dateline_at(text, tokens, k) {
            return Some(d);
        }
    }
    None
}

pub(crate) fn dateline_at(text: &str, tokens: &[Token], start: usize) -> Option<Dateline> {
    let tok = |k: usize| tokens[k].span.slice(text);
    let same_line = |k: usize| !text[tokens[k - 1].span.end..tokens[k].span.start].contains('\n');
    // The place: all-caps words (`NEW YORK`, `ISLAMABAD`), or a known place in title case.
    let mut end = start;
    while end < tokens.len()
        && end - start < MAX_PLACE
        && tokens[end].kind == TokenKind::Word
        && is_all_caps(tok(end))
        && (end == start || same_line(end))
    {
        end += 1;
    }
    let caps = end > start;
    if caps {
        let phrase = &text[tokens[start].span.start..tokens[end - 1].span.end];
        if names().get(phrase).is_some_and(|n| n.kind == NameKind::Org) {
            return None; // `NATO: ...` is a label, not a place
        }
    }
    if !caps {
        // `Islamabad:` — accepted only when the lexicon knows the place.
        let mut best = None;
        let mut e = start;
        while e < tokens.len() && e - start < MAX_PLACE && is_capitalized(tok(e)) {
            e += 1;
            let phrase = &text[tokens[start].span.start..tokens[e - 1].span.end];
            if names().get(phrase).is_some_and(|n| {
                matches!(
                    n.kind,
                    NameKind::City | NameKind::Country | NameKind::Region
                )
            }) {
                best = Some(e);
            }
        }
        end = best?;
    }
    // The tail: `:` or a dash right away, or after `(Agency)` and/or `, Month Day`.
    let mut k = end;
    let mut saw_comma = false;
    while k < tokens.len() && k - end <= MAX_TAIL && same_line(k) {
        let t = tok(k);
        if t == ":" || t.chars().all(is_dash) {
            // A hyphen must stand apart (`LONDON -`), not join words.
            if k == end && !caps && t != ":" {
                break;
            }
            let place = Span::new(tokens[start].span.start, tokens[end - 1].span.end);
            return Some(Dateline {
                place,
                end: tokens[k].span.end,
            });
        }
        match t {
            "(" | ")" => {}
            "," => saw_comma = true,
            _ if k > end && (saw_comma || tok(k - 1) == "(" || tok(end) == "(") => {}
            _ => break,
        }
        if !caps && saw_comma {
            // Title-case places need the short form `Islamabad:` / `Islamabad -`.
            break;
        }
        k += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokenize;

    fn place(s: &str) -> Option<&str> {
        let t = tokenize(s);
        find_dateline(s, &t).map(|d| d.place.slice(s))
    }

    #[test]
    fn common_dateline_shapes() {
        assert_eq!(
            place("ISLAMABAD: Pakistan sought talks."),
            Some("ISLAMABAD")
        );
        assert_eq!(
            place("WASHINGTON (Reuters) - The Senate voted."),
            Some("WASHINGTON")
        );
        assert_eq!(place("LONDON, March 3 - Prices rose."), Some("LONDON"));
        assert_eq!(place("NEW YORK — Stocks fell."), Some("NEW YORK"));
        assert_eq!(place("NAIROBI, Kenya (AP) — Rains came."), Some("NAIROBI"));
        assert_eq!(place("Kabul: Talks resumed on Monday."), Some("Kabul"));
        assert_eq!(
            place("Storm Hits Coast\nMANILA, Philippines — A typhoon hit."),
            Some("MANILA")
        );
        assert_eq!(
            place("Storm Hits Coast\nBy Jane Doe\nMANILA, Philippines — A typhoon hit."),
            Some("MANILA")
        );
    }

    #[test]
    fn dateline_end_is_where_the_sentence_begins() {
        for s in [
            "ISLAMABAD: Pakistan sought talks.",
            "WASHINGTON (Reuters) - Pakistan sought talks.",
            "LONDON, March 3 - Pakistan sought talks.",
            "NAIROBI, Kenya (AP) — Pakistan sought talks.",
        ] {
            let d = find_dateline(s, &tokenize(s)).unwrap();
            assert_eq!(s[d.end..].trim_start(), "Pakistan sought talks.", "{s}");
        }
    }

    #[test]
    fn no_false_datelines() {
        assert_eq!(place("The minister said: nothing."), None);
        assert_eq!(place("NATO allies met in Brussels - again."), None);
        assert_eq!(place("Pakistan sought talks with the US."), None);
        assert_eq!(place("Note: this is not a dateline."), None);
        assert_eq!(place(""), None);
        assert_eq!(place("ABC"), None);
        assert_eq!(place("NATO: allies agree"), None);
    }
}
