//! Matching normalization. The body is never modified: these helpers build normalized *copies*
//! (keys) of slices so that `Pakistan’s` matches `Pakistan's` and `U.S.` matches `u.s.`, while every
//! span keeps pointing into the original text.

/// Maps typographic variants to their ASCII form: curly quotes and apostrophes, dashes, exotic
/// spaces. Other chars are returned unchanged.
pub fn norm_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`'
        | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => ' ',
        _ => c,
    }
}

/// True for `'` and its typographic variants.
pub fn is_apostrophe(c: char) -> bool {
    norm_char(c) == '\'' && c != '\u{00B4}'
}

/// True for straight and curly double quotes and guillemets.
pub fn is_double_quote(c: char) -> bool {
    norm_char(c) == '"'
}

/// True for hyphens and dashes of any kind.
pub fn is_dash(c: char) -> bool {
    norm_char(c) == '-'
}

/// Chars that close a quotation or bracket and may follow a sentence-final period.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '\u{2019}' | '\u{201D}' | '\u{00BB}' | '\u{203A}'
    )
}

/// Combining marks (accents written as separate code points) belong to the word they modify.
pub fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
        || matches!(c as u32, 0x0610..=0x061A | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F)
}

/// Chars that can be part of a word token.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

/// The matching key of a slice: typographic variants folded to ASCII, lowercased, runs of
/// whitespace collapsed to one space, trimmed.
pub fn key(s: &str) -> String {
    fold::<true>(s)
}

/// `key` without lowercasing, for lookups where case tells names apart (`US` is not `us`).
pub fn key_cased(s: &str) -> String {
    fold::<false>(s)
}

fn fold<const LOWERCASE: bool>(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().map(norm_char) {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if LOWERCASE && !c.is_ascii() {
            out.extend(c.to_lowercase());
        } else if LOWERCASE {
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Like `key` but also drops periods, so `U.S.` and `US` (and `Gen.`/`Gen`) share a key.
pub fn key_nodots(s: &str) -> String {
    let mut k = key(s);
    k.retain(|c| c != '.');
    k
}

/// Normalized equality: `norm_eq("Pakistan’s", "pakistan's")` is true.
pub fn norm_eq(a: &str, b: &str) -> bool {
    let mut x = a.chars().map(norm_char).flat_map(char::to_lowercase);
    let mut y = b.chars().map(norm_char).flat_map(char::to_lowercase);
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p == q => {}
            _ => return false,
        }
    }
}

/// Whether `rest` (the text right after a word) opens with a possessive: `'s`, `’s`, or a bare
/// apostrophe ending the word (`Afghans' `, `Guterres’` then a space or a line break).
pub fn starts_with_possessive(rest: &str) -> bool {
    rest.starts_with("'s") || rest.starts_with("\u{2019}s") || starts_with_bare_apostrophe(rest)
}

/// Whether `rest` opens with `'` or `’` followed by whitespace (any: wrapped text breaks lines
/// anywhere): the apostrophe of a plural possessive, or a closing single quote.
pub fn starts_with_bare_apostrophe(rest: &str) -> bool {
    let mut cs = rest.chars();
    matches!(cs.next(), Some('\'' | '\u{2019}')) && cs.next().is_some_and(char::is_whitespace)
}

/// First char is uppercase (or titlecase).
pub fn is_capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Has at least two letters and no lowercase letter: `ISLAMABAD`, `NATO`, `U.S.`.
pub fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// Largest char boundary `<= i` (clamped to the text's length).
pub fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_typography_but_not_letters() {
        assert_eq!(key("Pakistan’s"), "pakistan's");
        assert_eq!(key("  Prime\u{a0}\n Minister "), "prime minister");
        assert_eq!(key("2025–2026"), "2025-2026");
        assert_eq!(key_nodots("U.S."), "us");
        assert_eq!(key_cased(" Côte\u{a0} d’Ivoire "), "Côte d'Ivoire");
        assert_ne!(key("Zoë"), key("Zoe"));
    }

    #[test]
    fn norm_eq_is_case_and_quote_insensitive() {
        assert!(norm_eq("Pakistan’s", "pakistan's"));
        assert!(norm_eq("“Hi”", "\"hi\""));
        assert!(!norm_eq("US", "U.S."));
        assert!(!norm_eq("ab", "abc"));
    }

    #[test]
    fn possessives_end_at_any_whitespace() {
        assert!(starts_with_possessive("’s term"));
        assert!(starts_with_possessive("' wealth"));
        assert!(starts_with_possessive("’\nspokesman"));
        assert!(starts_with_bare_apostrophe("'\r\nx"));
        assert!(!starts_with_bare_apostrophe("'"));
        assert!(!starts_with_possessive("'re"));
    }

    #[test]
    fn caps_helpers() {
        assert!(is_all_caps("ISLAMABAD"));
        assert!(is_all_caps("U.S."));
        assert!(!is_all_caps("A"));
        assert!(!is_all_caps("Islamabad"));
        assert!(is_capitalized("Élysée"));
        assert_eq!(floor_boundary("aé", 2), 1);
    }
}
