//! The parse as the tagger reads it: per word its UPOS and, for the noun phrase it belongs to,
//! the phrase's relation, governor lemma and preposition (`said` → nsubj, `spokesman for X` →
//! nmod of `spokesman` with `for`). In the pipeline it comes from the syntax stage
//! (`from_syntax`); the trainer and the one-sentence API parse with the embedded syntax model
//! (`analyze`), so the features are the same model's predictions in training and in use.

use crate::ner::features::word_hash;
use crate::syntax::{self, Analyzer, Rel, Syntax, Upos, MAX_PARSE_TOKENS};

/// One word of a sentence's parse, its head given within the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedWord {
    pub upos: Upos,
    /// Index of the head within the sentence; `None` for a root or a head outside it.
    pub head: Option<usize>,
    pub rel: Rel,
    /// `features::word_hash` of the lower-cased lemma.
    pub lemma: u64,
}

/// The words of `tokens` (a sentence's range of `syntax`), heads made sentence-local.
pub fn from_syntax(syn: &Syntax, tokens: std::ops::Range<usize>, out: &mut Vec<ParsedWord>) {
    out.clear();
    let mut lower = String::new();
    for i in tokens.clone() {
        lower.clear();
        lower.extend(syn.lemma(i).chars().flat_map(char::to_lowercase));
        out.push(ParsedWord {
            upos: syn.upos(i),
            head: syn
                .head(i)
                .filter(|h| tokens.contains(h))
                .map(|h| h - tokens.start),
            rel: syn.rel(i),
            lemma: word_hash(lower.as_bytes()),
        });
    }
}

/// Reusable state for parsing sentences with the embedded syntax model.
#[derive(Default)]
pub struct Parser {
    analyzer: Analyzer,
    lemma: String,
}

impl Parser {
    /// Parses one sentence's tokens (in pieces of at most `MAX_PARSE_TOKENS`, as the syntax
    /// stage does) into `out`.
    pub fn analyze(&mut self, tokens: &[&str], out: &mut Vec<ParsedWord>) {
        out.clear();
        let m = syntax::embedded();
        for (c, piece) in tokens.chunks(MAX_PARSE_TOKENS).enumerate() {
            let base = c * MAX_PARSE_TOKENS;
            m.analyze(piece, &mut self.analyzer);
            for (k, form) in piece.iter().enumerate() {
                let w = self.analyzer.word(m, k);
                self.lemma.clear();
                self.analyzer.lemma(m, form, w.xpos, &mut self.lemma);
                let lower = self.lemma.to_lowercase();
                out.push(ParsedWord {
                    upos: w.upos,
                    head: w.head.map(|h| base + h),
                    rel: w.rel,
                    lemma: word_hash(lower.as_bytes()),
                });
            }
        }
    }
}

/// What the tagger's features read of a word's parse (all 0 without a parse).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyntaxAtoms {
    /// UPOS index + 1.
    pub upos: u8,
    /// Relation index + 1 of the noun phrase holding the word (climbing `compound` and `flat`
    /// to the phrase's head, so every word of `Activision Blizzard` reads the phrase's role).
    pub role: u8,
    /// UPOS index + 1 of the phrase head's governor.
    pub gov_upos: u8,
    /// Lemma hash of the phrase head's governor (0 = none).
    pub gov: u64,
    /// Lemma hash of the phrase head's `case` child (`in`, `for`, `'s`; 0 = none).
    pub case: u64,
}

/// Longest chain of `compound`/`flat` links followed to a name's head.
const MAX_CLIMB: usize = 6;

/// The `SyntaxAtoms` of each word of a parsed sentence.
pub fn atoms(words: &[ParsedWord], out: &mut Vec<SyntaxAtoms>) {
    out.clear();
    let mut case = vec![0u64; words.len()];
    for w in words {
        if w.rel == Rel::Case {
            if let Some(h) = w.head.filter(|&h| h < words.len()) {
                case[h] = w.lemma;
            }
        }
    }
    for (i, w) in words.iter().enumerate() {
        let mut top = i;
        for _ in 0..MAX_CLIMB {
            let t = &words[top];
            match t.head {
                Some(h) if h < words.len() && matches!(t.rel.base(), Rel::Compound | Rel::Flat) => {
                    top = h
                }
                _ => break,
            }
        }
        let t = &words[top];
        let gov = t.head.and_then(|h| words.get(h));
        out.push(SyntaxAtoms {
            upos: w.upos as u8 + 1,
            role: t.rel as u8 + 1,
            gov_upos: gov.map_or(0, |g| g.upos as u8 + 1),
            gov: gov.map_or(0, |g| g.lemma),
            case: case[top],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(upos: Upos, head: Option<usize>, rel: Rel, lemma: &str) -> ParsedWord {
        ParsedWord {
            upos,
            head,
            rel,
            lemma: word_hash(lemma.as_bytes()),
        }
    }

    #[test]
    fn name_words_read_the_role_of_the_phrase_head() {
        // "spokesman for Activision Blizzard said" (a hand-made tree, not the parser's).
        let words = [
            word(Upos::Noun, Some(4), Rel::Nsubj, "spokesman"),
            word(Upos::Adp, Some(3), Rel::Case, "for"),
            word(Upos::Propn, Some(3), Rel::Compound, "activision"),
            word(Upos::Propn, Some(0), Rel::Nmod, "blizzard"),
            word(Upos::Verb, None, Rel::Root, "say"),
        ];
        let mut out = Vec::new();
        atoms(&words, &mut out);
        assert_eq!(out.len(), 5);
        for a in &out[2..4] {
            assert_eq!(a.role, Rel::Nmod as u8 + 1);
            assert_eq!(a.gov, word_hash(b"spokesman"));
            assert_eq!(a.case, word_hash(b"for"));
            assert_eq!(a.gov_upos, Upos::Noun as u8 + 1);
        }
        assert_eq!(out[0].gov, word_hash(b"say"));
        assert_eq!((out[4].role, out[4].gov), (Rel::Root as u8 + 1, 0));
    }

    #[test]
    fn analyze_gives_one_word_per_token_with_heads_inside() {
        let toks: Vec<String> = (0..MAX_PARSE_TOKENS + 7).map(|i| format!("w{i}")).collect();
        let refs: Vec<&str> = toks.iter().map(String::as_str).collect();
        let mut out = Vec::new();
        Parser::default().analyze(&refs, &mut out);
        assert_eq!(out.len(), refs.len());
        assert!(out.iter().all(|w| w.head.is_none_or(|h| h < refs.len())));
        let mut a = Vec::new();
        atoms(&out, &mut a);
        assert!(a.iter().all(|x| x.upos > 0 && x.role > 0));
    }
}
