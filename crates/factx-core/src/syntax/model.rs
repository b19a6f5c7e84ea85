//! The syntax model: tagger, lemmatizer and parser in one file, and the analysis of a
//! document's sentences with it.
//!
//! File layout: `FXSYN` magic, format version (u8), then the tagger, the lemmatizer and the
//! parser (each section's layout is in its module).

use super::features::{AtomBuf, Atoms};
use super::lemma::Lemmatizer;
use super::parser::{self, Input, ParserModel, Workspace, NONE};
use super::tagger::{self, TaggerModel};
use super::tags::{Rel, Upos, Xpos};
use super::tree::{Syntax, SyntaxBuilder};
use super::weights::{Reader, Table, TableSource};
use crate::doc::{Sentence, Token};
use crate::error::{Error, Result};

const MAGIC: &[u8; 5] = b"FXSYN";
/// 3: fewer parser templates, sure tag-dictionary words, fixed labels (version 2 files had other
/// features).
const VERSION: u8 = 3;

/// Longest stretch of tokens parsed as one tree. A longer sentence (a list or a table flattened
/// into text, a run-on without punctuation) is cut into pieces of at most this many tokens,
/// preferably after punctuation, each parsed on its own with its own root. Parsing is linear in
/// the sentence length anyway; the cap bounds per-sentence memory and keeps the pieces the size
/// the model was trained on (the longest sentences of EWT and GUM are under 200 tokens).
pub const MAX_PARSE_TOKENS: usize = 200;

#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxModel {
    pub tagger: TaggerModel,
    pub lemmatizer: Lemmatizer,
    pub parser: ParserModel,
}

/// Reusable buffers for analysing sentences.
#[derive(Default)]
pub struct Analyzer {
    atom_buf: AtomBuf,
    atoms: Vec<Atoms>,
    dict: Vec<u8>,
    tags: Vec<u8>,
    feats: Vec<u64>,
    scores: Vec<f32>,
    punct: Vec<u16>,
    ws: Workspace,
    scratch: String,
}

/// The token ranges parsed as units: each sentence, cut into pieces of at most
/// `MAX_PARSE_TOKENS` tokens; tokens outside every sentence form units of their own.
pub fn parse_units(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
) -> Vec<std::ops::Range<usize>> {
    let n = tokens.len();
    let mut out = Vec::new();
    let mut next = 0;
    let push = |out: &mut Vec<std::ops::Range<usize>>, r: std::ops::Range<usize>| {
        let mut a = r.start;
        while r.end - a > MAX_PARSE_TOKENS {
            let hard = a + MAX_PARSE_TOKENS;
            // Cut after the last punctuation in the second half of the window, if any.
            let cut = (a + MAX_PARSE_TOKENS / 2..hard)
                .rev()
                .find(|&k| {
                    let t = tokens[k].span.slice(text);
                    matches!(t, "," | ";" | ":" | "-" | "--" | "." | "!" | "?")
                })
                .map_or(hard, |k| k + 1);
            out.push(a..cut);
            a = cut;
        }
        if r.end > a {
            out.push(a..r.end);
        }
    };
    for s in sentences {
        let (a, b) = (s.tokens.start.min(n), s.tokens.end.min(n));
        if a < next || a >= b {
            continue;
        }
        if a > next {
            push(&mut out, next..a);
        }
        push(&mut out, a..b);
        next = b;
    }
    if next < n {
        push(&mut out, next..n);
    }
    out
}

impl SyntaxModel {
    /// A model that knows nothing (every token a noun, attached to its right neighbour); the
    /// fallback if the embedded file were broken.
    pub fn empty() -> SyntaxModel {
        SyntaxModel {
            tagger: TaggerModel::empty(),
            lemmatizer: Lemmatizer::default(),
            parser: ParserModel::empty(),
        }
    }

    pub fn save(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        self.tagger.save(&mut out);
        self.lemmatizer.save(&mut out);
        self.parser.save(&mut out);
        out
    }

    pub fn load(bytes: &[u8]) -> Result<SyntaxModel> {
        SyntaxModel::load_with(bytes, &mut Table::load)
    }

    /// `load`, the weight tables used in place from `image` (`weights::write_image` of the
    /// same file, as the build script writes for the embedded model): only the small parts of
    /// the file are decoded.
    pub fn load_in_place(bytes: &[u8], mut image: &'static [u8]) -> Result<SyntaxModel> {
        SyntaxModel::load_with(bytes, &mut |r| Table::from_image(r, &mut image))
    }

    fn load_with(bytes: &[u8], tables: &mut TableSource<'_>) -> Result<SyntaxModel> {
        if bytes.len() < 6 || &bytes[..5] != MAGIC {
            return Err(Error::Internal(
                "syntax model: not a factx syntax model".into(),
            ));
        }
        if bytes[5] != VERSION {
            return Err(Error::Internal(
                "syntax model: unsupported format version".into(),
            ));
        }
        let mut r = Reader::new(&bytes[6..], "syntax model");
        let tagger = TaggerModel::load_with(&mut r, tables)?;
        let lemmatizer = Lemmatizer::load(&mut r)?;
        let parser = ParserModel::load_with(&mut r, tables)?;
        if !r.is_empty() {
            return Err(r.bad("trailing bytes"));
        }
        Ok(SyntaxModel {
            tagger,
            lemmatizer,
            parser,
        })
    }

    /// Tags one sentence's tokens: joint tag classes into the analyzer (atoms too).
    pub fn tag_tokens(&self, forms: &[&str], a: &mut Analyzer) {
        a.atoms.clear();
        for f in forms {
            let x = a.atom_buf.atoms(f);
            a.atoms.push(x);
        }
        tagger::dict_tags(&self.tagger.dict, &a.atoms, &mut a.dict);
        tagger::tag(
            &self.tagger.table,
            &a.atoms,
            &a.dict,
            &mut a.feats,
            &mut a.scores,
            &mut a.tags,
        );
    }

    /// Tags and parses one sentence (given as its words); read the result with
    /// `Analyzer::word`.
    pub fn analyze(&self, forms: &[&str], a: &mut Analyzer) {
        self.tag_tokens(forms, a);
        parser::punct_prefix(&a.atoms, &mut a.punct);
        let inp = Input {
            atoms: &a.atoms,
            tags: &a.tags,
            punct: &a.punct,
        };
        let p = &self.parser;
        parser::parse(&p.actions, &p.labeler, &p.fixed, &inp, &mut a.ws);
    }

    /// Tags, lemmatizes and parses every sentence of a document.
    pub fn annotate(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> Syntax {
        let mut a = Analyzer::default();
        let mut b = SyntaxBuilder::with_capacity(tokens.len());
        let mut forms: Vec<&str> = Vec::new();
        for unit in parse_units(text, tokens, sentences) {
            forms.clear();
            forms.extend(tokens[unit.clone()].iter().map(|t| t.span.slice(text)));
            self.analyze(&forms, &mut a);
            for (k, form) in forms.iter().enumerate() {
                let w = a.word(self, k);
                let start = b.lemma_buffer().len() as u32;
                self.lemmatizer
                    .lemmatize(form, w.xpos, &mut a.scratch, b.lemma_buffer());
                let head = w.head.map(|h| unit.start + h);
                b.push_lemma_written(w.upos, w.xpos, start, head, w.rel);
            }
        }
        b.finish()
    }
}

/// The analysis of one word of the last sentence given to `SyntaxModel::analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordAnalysis {
    pub upos: Upos,
    pub xpos: Xpos,
    /// Index of the head word within the sentence; `None` for the root.
    pub head: Option<usize>,
    pub rel: Rel,
}

impl Analyzer {
    /// Word `k` of the last analysed sentence.
    pub fn word(&self, m: &SyntaxModel, k: usize) -> WordAnalysis {
        let (upos, xpos) = m
            .tagger
            .tags
            .get(self.tags.get(k).map_or(0, |t| usize::from(*t)))
            .copied()
            .unwrap_or((Upos::X, Xpos::Xx));
        let st = &self.ws.state;
        let h = st.heads.get(k + 1).copied().unwrap_or(NONE);
        let (head, rel) = if h == 0 || h == NONE {
            (None, Rel::Root)
        } else {
            let rel = m
                .parser
                .labels
                .get(usize::from(st.labels[k + 1]))
                .copied()
                .unwrap_or(Rel::Dep);
            (Some(h as usize - 1), rel)
        };
        WordAnalysis {
            upos,
            xpos,
            head,
            rel,
        }
    }

    /// The lemma of `form` tagged `xpos`, appended to `out`.
    pub fn lemma(&mut self, m: &SyntaxModel, form: &str, xpos: Xpos, out: &mut String) {
        m.lemmatizer.lemmatize(form, xpos, &mut self.scratch, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    #[test]
    fn long_sentences_are_cut_into_pieces() {
        let text = "a ".repeat(450) + ", b";
        let tokens = crate::segment::tokenize(&text);
        let sents = vec![Sentence {
            span: Span::new(0, text.len()),
            tokens: 0..tokens.len(),
        }];
        let units = parse_units(&text, &tokens, &sents);
        assert!(units.iter().all(|u| u.len() <= MAX_PARSE_TOKENS));
        assert_eq!(units.first().map(|u| u.start), Some(0));
        assert_eq!(units.last().map(|u| u.end), Some(tokens.len()));
        assert!(units.windows(2).all(|w| w[0].end == w[1].start));
    }

    #[test]
    fn shipped_model_in_place_equals_the_decoded_model() {
        // The build script's image of the tables is the model file's: every weight the same.
        let bytes = crate::syntax::EMBEDDED_BYTES;
        let in_place = SyntaxModel::load_in_place(bytes, crate::syntax::image()).unwrap();
        assert!(in_place == SyntaxModel::load(bytes).unwrap());
        assert!(SyntaxModel::load_in_place(bytes, &[]).is_err());
    }

    #[test]
    fn shipped_model_saves_back_to_its_own_bytes() {
        // The loader reads every row of the file: writing the loaded model gives the file again.
        let bytes = crate::syntax::EMBEDDED_BYTES;
        let saved = SyntaxModel::load(bytes).unwrap().save();
        assert!(
            saved == bytes,
            "{} bytes saved, {} read",
            saved.len(),
            bytes.len()
        );
    }

    #[test]
    fn empty_model_still_yields_a_tree_per_unit() {
        let m = SyntaxModel::empty();
        let back = SyntaxModel::load(&m.save()).unwrap();
        assert_eq!(back, m);
        let text = "Hello world. Bye";
        let tokens = crate::segment::tokenize(text);
        let sents = crate::segment::split_sentences(text, &tokens);
        let s = m.annotate(text, &tokens, &sents);
        assert_eq!(s.len(), tokens.len());
        assert_eq!(s.roots().len(), sents.len());
        assert!(SyntaxModel::load(b"FXSYN").is_err());
        assert!(SyntaxModel::load(b"nope").is_err());
    }
}
