//! Closed-class words shared by the stages (`data/words/function_words.tsv`): determiners by
//! kind, prepositions.

use super::classes::word_classes;

word_classes! {
    /// `words/function_words.tsv` (lowercase).
    pub enum FunctionWord in "words/function_words.tsv" {
        /// `the`, `a`, `an`, `another`.
        Article = "article",
        /// `this`, `that`.
        Demonstrative = "demonstrative",
        /// `these`, `those`.
        PluralDemonstrative = "plural_demonstrative",
        /// `his`, `their`...
        Possessive = "possessive",
        /// `whose`.
        Relative = "relative",
        /// `both`, `some`...
        Quantifier = "quantifier",
        /// `two`, `three`.
        Numeral = "numeral",
        Preposition = "preposition",
    }
}

use FunctionWord as F;

/// A lowercase determiner that opens a clause's noun phrase (`the`, `these`, `both`, `two`):
/// what the fact rules skip before a mention.
pub fn is_determiner(w: &str) -> bool {
    let kinds = F::Article.bit()
        | F::Demonstrative.bit()
        | F::PluralDemonstrative.bit()
        | F::Possessive.bit()
        | F::Quantifier.bit()
        | F::Numeral.bit();
    F::table().get(w) & kinds != 0
}

/// A determiner that opens a nominal mention (`the foreign secretary`, `his adviser`, `whose
/// envoy`), as written: capitalized at a sentence start too, except the relative `whose`.
pub fn opens_nominal(t: &str) -> bool {
    let singular = F::Article.bit() | F::Demonstrative.bit() | F::Possessive.bit();
    let bits = F::table().get(t);
    if bits != 0 {
        return bits & (singular | F::Relative.bit()) != 0;
    }
    // `The`, `His`: only an initial capital, the rest as the table writes it.
    let mut chars = t.chars();
    match chars.next() {
        Some(c) if c.is_ascii_uppercase() && t.len() <= 8 => {
            let mut buf = [0u8; 8];
            buf[..t.len()].copy_from_slice(t.as_bytes());
            buf[0] = c.to_ascii_lowercase() as u8;
            let lower = std::str::from_utf8(&buf[..t.len()]).unwrap_or("");
            F::table().get(lower) & singular != 0
        }
        _ => false,
    }
}
