//! One linear pass that cuts text into words, digit runs and single punctuation chars. Letters and
//! digits are split apart (`14april` → `14` `april`, `2018Q4` → `2018` `Q` `4`) so the grammar
//! sees them as separate tokens; `space_before` keeps track of what was glued.

use crate::lexicon::time::{self, TimeCue, TimeWord};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Lower-cased word (curly apostrophes made straight), the digits, or the punctuation char.
    pub low: String,
    /// Value of a digit run of at most 9 digits.
    pub num: Option<u32>,
    /// Number of digits of a digit run.
    pub digits: usize,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    /// A line break separates this token from the previous one.
    pub newline_before: bool,
    /// The first char is upper case.
    pub cap: bool,
    /// Every letter is upper case (acronyms: `EST`, `BOY`).
    pub all_caps: bool,
    /// A possessive `'s` ended the word; `low` is without it (`Tuesday's` → `tuesday`).
    pub poss: bool,
    /// What `low` is as a time word, and its cue classes (`TimeCue` bits): looked up once here,
    /// asked often by the grammar.
    pub time_word: Option<&'static TimeWord>,
    pub cues: u64,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

pub fn lex(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut it = text.char_indices().peekable();
    let mut prev_end = 0usize;
    while let Some(&(start, c)) = it.peek() {
        if c.is_whitespace() {
            it.next();
            continue;
        }
        let gap = &text[prev_end..start];
        let space_before = !gap.is_empty() || toks.is_empty();
        let newline_before = gap.contains('\n');
        let (kind, end) = if c.is_ascii_digit() {
            let mut end = start;
            while let Some(&(i, d)) = it.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = i + d.len_utf8();
                it.next();
            }
            (Kind::Num, end)
        } else if c.is_alphabetic() {
            let mut end = start;
            while let Some(&(i, d)) = it.peek() {
                if d.is_alphabetic() {
                    end = i + d.len_utf8();
                    it.next();
                } else if is_apostrophe(d) {
                    // Keep `year's`, `o'clock` whole; a trailing quote is punctuation.
                    let next = text[i + d.len_utf8()..].chars().next();
                    if next.is_some_and(|n| n.is_alphabetic()) {
                        end = i + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            (Kind::Word, end)
        } else {
            it.next();
            (Kind::Punct, start + c.len_utf8())
        };
        let s = &text[start..end];
        // One allocation per token: most words are ASCII (lower-cased in place, no curly
        // apostrophe to straighten), and the possessive is cut off the same string.
        let (mut low, num, digits) = match kind {
            Kind::Num => (
                s.to_string(),
                if s.len() <= 9 { s.parse().ok() } else { None },
                s.len(),
            ),
            Kind::Word if s.is_ascii() => (s.to_ascii_lowercase(), None, 0),
            Kind::Word => (s.to_lowercase().replace('\u{2019}', "'"), None, 0),
            Kind::Punct if c == '\u{2019}' => ("'".to_string(), None, 0),
            Kind::Punct => (s.to_string(), None, 0),
        };
        let poss = kind == Kind::Word && low.len() > 2 && low.ends_with("'s");
        if poss {
            low.truncate(low.len() - 2);
        }
        let cap = s.chars().next().is_some_and(char::is_uppercase);
        let all_caps = kind == Kind::Word && s.chars().all(|c| !c.is_lowercase());
        let (time_word, cues) = (time::word(&low), TimeCue::table().get(&low));
        toks.push(Tok {
            time_word,
            cues,
            start,
            end,
            kind,
            low,
            num,
            digits,
            space_before,
            newline_before,
            cap,
            all_caps,
            poss,
        });
        prev_end = end;
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_letters_digits_and_keeps_apostrophes() {
        let text = "14april New Year’s 2018Q4, o'clock 'x";
        let t = lex(text);
        let lows: Vec<&str> = t.iter().map(|t| t.low.as_str()).collect();
        assert_eq!(
            lows,
            ["14", "april", "new", "year", "2018", "q", "4", ",", "o'clock", "'", "x"]
        );
        assert!(!t[1].space_before && t[2].space_before && !t[5].space_before);
        for tok in &t {
            assert!(text.get(tok.start..tok.end).is_some());
        }
    }

    #[test]
    fn survives_odd_input() {
        assert!(lex("").is_empty());
        let long = "9".repeat(50);
        let t = lex(&long);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].num, None);
        let t = lex("é\u{0}\u{301}日本");
        assert!(t.iter().all(|t| t.start < t.end));
    }
}
