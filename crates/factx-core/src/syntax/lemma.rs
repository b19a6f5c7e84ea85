//! Lemmas from a word and its Penn tag: a lookup of the words the treebanks spell irregularly
//! (`went`/VBD → `go`, `'s`/VBZ → `be`, `n't` → `not`), then suffix rules learned from the
//! treebanks' lemma column for every other word (`-ies`/NNS → `-y`, `-ed`/VBD → ``), chosen by the
//! longest suffix of the word the rules know for its tag. Proper nouns keep their case; other
//! words are lowercased, as in UD English.

use std::collections::HashMap;

use super::features::hash_bytes;
use super::tagger::IdHash;
use super::tags::Xpos;
use super::weights::{write_leb, write_str, Reader};
use crate::error::Result;
use crate::text::norm_char;

/// Longest suffix (in chars) a rule may be keyed on.
pub const MAX_SUFFIX: usize = 6;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lemmatizer {
    /// `exception_key(form, xpos)` → lemma.
    exceptions: HashMap<u64, Box<str>, IdHash>,
    /// `rule_key(xpos, suffix)` → (chars to strip, text to add).
    rules: HashMap<u64, (u8, Box<str>), IdHash>,
}

/// Key of a lowercased, normalized form with its tag.
pub fn exception_key(lower: &str, xpos: Xpos) -> u64 {
    hash_bytes(0x1e00 + xpos as u64, lower.as_bytes())
}

/// Key of a suffix (lowercased) of a word with a tag.
pub fn rule_key(xpos: Xpos, suffix: &str) -> u64 {
    hash_bytes(0x2e00 + xpos as u64, suffix.as_bytes())
}

fn is_proper(x: Xpos) -> bool {
    matches!(x, Xpos::Nnp | Xpos::Nnps)
}

/// The lowercased form with typographic quotes folded (`Don’t` → `don't`).
pub fn lower_form(form: &str, out: &mut String) {
    out.clear();
    for c in form.chars().map(norm_char) {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

impl Lemmatizer {
    pub fn new(
        exceptions: impl IntoIterator<Item = (u64, String)>,
        rules: impl IntoIterator<Item = (u64, (u8, String))>,
    ) -> Lemmatizer {
        Lemmatizer {
            exceptions: exceptions
                .into_iter()
                .map(|(k, v)| (k, v.into_boxed_str()))
                .collect(),
            rules: rules
                .into_iter()
                .map(|(k, (s, a))| (k, (s, a.into_boxed_str())))
                .collect(),
        }
    }

    pub fn exception_count(&self) -> usize {
        self.exceptions.len()
    }

    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// The lemma of the irregular-word table, if `lower` is in it.
    pub fn exception(&self, lower: &str, xpos: Xpos) -> Option<&str> {
        self.exceptions
            .get(&exception_key(lower, xpos))
            .map(|s| &**s)
    }

    /// What the suffix rules alone make of a word (`base` is the lowercased form, or the form
    /// itself for proper nouns; `lower` is always lowercased).
    pub fn by_rules(&self, base: &str, lower: &str, xpos: Xpos, out: &mut String) {
        let n = lower.chars().count();
        let nb = base.chars().count();
        for len in (0..=MAX_SUFFIX.min(n)).rev() {
            let cut = lower
                .char_indices()
                .nth(n - len)
                .map_or(lower.len(), |(b, _)| b);
            if let Some((strip, add)) = self.rules.get(&rule_key(xpos, &lower[cut..])) {
                let strip = usize::from(*strip);
                if strip <= nb && strip < nb.max(1) {
                    let keep = base
                        .char_indices()
                        .nth(nb - strip)
                        .map_or(base.len(), |(b, _)| b);
                    out.push_str(&base[..keep]);
                    out.push_str(add);
                    return;
                }
            }
        }
        out.push_str(base);
    }

    /// Appends the lemma of `form` tagged `xpos` to `out`; `scratch` is a reusable buffer.
    pub fn lemmatize(&self, form: &str, xpos: Xpos, scratch: &mut String, out: &mut String) {
        lower_form(form, scratch);
        if let Some(l) = self.exception(scratch, xpos) {
            out.push_str(l);
            return;
        }
        if xpos == Xpos::Nnp {
            out.push_str(form);
            return;
        }
        let lower: &str = scratch;
        let base = if is_proper(xpos) { form } else { lower };
        self.by_rules(base, lower, xpos, out);
    }

    pub fn save(&self, out: &mut Vec<u8>) {
        let mut ex: Vec<(&u64, &Box<str>)> = self.exceptions.iter().collect();
        ex.sort_unstable_by_key(|(k, _)| **k);
        write_leb(out, ex.len() as u64);
        for (k, v) in ex {
            out.extend_from_slice(&k.to_le_bytes());
            write_str(out, v);
        }
        let mut rules: Vec<(&u64, &(u8, Box<str>))> = self.rules.iter().collect();
        rules.sort_unstable_by_key(|(k, _)| **k);
        write_leb(out, rules.len() as u64);
        for (k, (strip, add)) in rules {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(*strip);
            write_str(out, add);
        }
    }

    pub fn load(r: &mut Reader<'_>) -> Result<Lemmatizer> {
        let key = |r: &mut Reader<'_>| -> Result<u64> {
            let b = r.take(8)?;
            Ok(u64::from_le_bytes(b.try_into().map_err(|_| r.bad("key"))?))
        };
        let n = r.leb()? as usize;
        let mut exceptions = HashMap::with_capacity_and_hasher(n.min(1 << 20), IdHash);
        for _ in 0..n {
            let k = key(r)?;
            exceptions.insert(k, Box::from(r.str()?));
        }
        let n = r.leb()? as usize;
        let mut rules = HashMap::with_capacity_and_hasher(n.min(1 << 20), IdHash);
        for _ in 0..n {
            let k = key(r)?;
            let strip = r.u8()?;
            rules.insert(k, (strip, Box::from(r.str()?)));
        }
        Ok(Lemmatizer { exceptions, rules })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Lemmatizer {
        Lemmatizer::new(
            [
                (exception_key("went", Xpos::Vbd), "go".to_owned()),
                (exception_key("n't", Xpos::Rb), "not".to_owned()),
            ],
            [
                (rule_key(Xpos::Nns, "s"), (1, String::new())),
                (rule_key(Xpos::Nns, "ies"), (3, "y".to_owned())),
                (rule_key(Xpos::Nnps, "s"), (1, String::new())),
                (rule_key(Xpos::Vbd, "ed"), (2, String::new())),
            ],
        )
    }

    fn lemma(l: &Lemmatizer, w: &str, x: Xpos) -> String {
        let (mut s, mut out) = (String::new(), String::new());
        l.lemmatize(w, x, &mut s, &mut out);
        out
    }

    #[test]
    fn exceptions_then_longest_suffix_rule() {
        let l = tiny();
        assert_eq!(lemma(&l, "Went", Xpos::Vbd), "go");
        assert_eq!(lemma(&l, "n’t", Xpos::Rb), "not");
        assert_eq!(lemma(&l, "Cities", Xpos::Nns), "city");
        assert_eq!(lemma(&l, "cats", Xpos::Nns), "cat");
        assert_eq!(lemma(&l, "walked", Xpos::Vbd), "walk");
        assert_eq!(lemma(&l, "Americans", Xpos::Nnps), "American");
        assert_eq!(lemma(&l, "Paris", Xpos::Nnp), "Paris");
        assert_eq!(lemma(&l, "The", Xpos::Dt), "the");
        // Never strips a whole word.
        assert_eq!(lemma(&l, "s", Xpos::Nns), "s");
        assert_eq!(lemma(&l, "", Xpos::Nns), "");
    }

    #[test]
    fn save_load_round_trip() {
        let l = tiny();
        let mut b = Vec::new();
        l.save(&mut b);
        let back = Lemmatizer::load(&mut Reader::new(&b, "lemma")).unwrap();
        assert_eq!(back, l);
        for cut in 0..b.len() {
            assert!(Lemmatizer::load(&mut Reader::new(&b[..cut], "lemma")).is_err());
        }
    }
}
