//! Feature extraction. Each token's strings are hashed once into `Atoms`; a feature is a cheap
//! multiply-rotate mix of a template id with one to three atoms, so extraction allocates nothing
//! per feature and the model finds its weights by indexing a flat table with the hash.

use crate::ner::gazetteer as gz;
use crate::ner::parse::SyntaxAtoms;

const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// FxHash-style hash of a byte slice, 8 bytes at a time.
#[inline]
pub fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = mix(seed, bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(w));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(w));
    }
    h
}

/// Hash of a lower-cased word, as used for the `lower` atom and the lexicon lookup.
#[inline]
pub fn word_hash(lower: &[u8]) -> u64 {
    hash_bytes(1, lower)
}

/// Final avalanche so the top bits used as a bucket index depend on every input bit.
#[inline]
pub fn finish(h: u64) -> u64 {
    let h = (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

/// Hashed views of one token.
#[derive(Debug, Clone, Copy, Default)]
pub struct Atoms {
    pub lower: u64,
    pub raw: u64,
    pub shape: u64,
    pub short: u64,
    pub pre: [u64; 3],
    pub suf: [u64; 4],
    pub flags: u32,
    /// 2×Zipf frequency of the lower-cased word in English (0 = rare or unknown).
    pub freq: u8,
    /// First letter is upper case.
    pub upper_initial: bool,
    /// Has letters, all upper case.
    pub all_caps: bool,
    /// `DOC_*` bits: what the word's other occurrences in the document say.
    pub doc: u8,
    /// The lower-cased word's packed cluster path (`gazetteer::WordInfo`), 0 = none.
    pub cluster: u32,
    /// What the parse says of the word (`Scratch::apply_syntax`; zeros without a parse).
    pub syn: SyntaxAtoms,
}

const NO_SYNTAX: SyntaxAtoms = SyntaxAtoms {
    upos: 0,
    role: 0,
    gov_upos: 0,
    gov: 0,
    case: 0,
};

const BOS: Atoms = Atoms {
    lower: 0x0b05,
    raw: 0x0b05,
    shape: 0x0b05,
    short: 0x0b05,
    pre: [0x0b05; 3],
    suf: [0x0b05; 4],
    flags: 0,
    freq: 0,
    upper_initial: false,
    all_caps: false,
    doc: 0,
    cluster: 0,
    syn: NO_SYNTAX,
};
const EOS: Atoms = Atoms {
    lower: 0xe05,
    raw: 0xe05,
    shape: 0xe05,
    short: 0xe05,
    pre: [0xe05; 3],
    suf: [0xe05; 4],
    flags: 0,
    freq: 0,
    upper_initial: false,
    all_caps: false,
    doc: 0,
    cluster: 0,
    syn: NO_SYNTAX,
};

/// `word_hash` of the possessive markers as `lower` holds them (typographic quotes folded).
static APOSTROPHE_S: std::sync::LazyLock<u64> = std::sync::LazyLock::new(|| word_hash(b"'s"));
static APOSTROPHE: std::sync::LazyLock<u64> = std::sync::LazyLock::new(|| word_hash(b"'"));

/// Longest token (bytes) whose lower-cased form is hashed in full; longer tokens are truncated
/// for the lower/shape views, which keeps per-token work bounded.
const MAX_TOKEN: usize = 64;

/// Reusable buffers for one sentence's atoms.
#[derive(Default)]
pub struct Scratch {
    lower: String,
    shape: Vec<u8>,
    short: Vec<u8>,
    pub atoms: Vec<Atoms>,
    /// Whether the sentence is in capitals (headline, dateline).
    pub caps_sentence: bool,
}

fn shape_class(c: char) -> u8 {
    if c.is_uppercase() {
        b'X'
    } else if c.is_lowercase() {
        b'x'
    } else if c.is_ascii_digit() {
        b'd'
    } else if c.is_alphabetic() {
        b'a'
    } else if c.is_ascii() {
        c as u8
    } else {
        b'*'
    }
}

/// Maps typographic quotes to ASCII so `’s` and `'s` look alike.
fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        _ => c,
    }
}

impl Scratch {
    pub fn compute(&mut self, tokens: &[&str]) {
        self.atoms.clear();
        let (mut caps, mut lettered) = (0usize, 0usize);
        for tok in tokens {
            let a = self.token(tok);
            if a.upper_initial || a.all_caps || tok.chars().any(|c| c.is_lowercase()) {
                lettered += 1;
                if a.all_caps {
                    caps += 1;
                }
            }
            self.atoms.push(a);
        }
        self.caps_sentence = lettered >= 2 && caps * 10 >= lettered * 8;
    }

    /// Fills `lower`, `shape` and `short` for `tok`; returns (upper-case letters, lower-case
    /// letters, whether the first letter is upper case). `ascii` takes a byte-wise fast path
    /// that must agree with the general one on ASCII input.
    fn views(&mut self, tok: &str, ascii: bool) -> (usize, usize, Option<bool>) {
        self.lower.clear();
        self.shape.clear();
        self.short.clear();
        let (mut upper, mut lowerc) = (0usize, 0usize);
        let mut first_upper = None;
        let push_shape = |shape: &mut Vec<u8>, short: &mut Vec<u8>, s: u8| {
            // Runs longer than 4 are cut in the full shape and collapsed in the short one.
            let n = shape.len();
            if !(n >= 4 && shape[n - 4..].iter().all(|&x| x == s)) {
                shape.push(s);
            }
            if short.last() != Some(&s) {
                short.push(s);
            }
        };
        if ascii {
            for &b in tok.as_bytes().iter().take(MAX_TOKEN) {
                let b = if b == b'`' { b'\'' } else { b };
                let s = match b {
                    b'A'..=b'Z' => {
                        upper += 1;
                        b'X'
                    }
                    b'a'..=b'z' => {
                        lowerc += 1;
                        b'x'
                    }
                    b'0'..=b'9' => b'd',
                    _ => b,
                };
                if first_upper.is_none() && b.is_ascii_alphabetic() {
                    first_upper = Some(b.is_ascii_uppercase());
                }
                self.lower.push(b.to_ascii_lowercase() as char);
                push_shape(&mut self.shape, &mut self.short, s);
            }
            return (upper, lowerc, first_upper);
        }
        for c in tok.chars() {
            if self.lower.len() >= MAX_TOKEN {
                break;
            }
            let c = fold(c);
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lowerc += 1;
            }
            if first_upper.is_none() && c.is_alphabetic() {
                first_upper = Some(c.is_uppercase());
            }
            for l in c.to_lowercase() {
                self.lower.push(l);
            }
            push_shape(&mut self.shape, &mut self.short, shape_class(c));
        }
        (upper, lowerc, first_upper)
    }

    /// Adds the parse of the sentence just computed (one entry per token; a shorter slice
    /// leaves the rest without syntax).
    pub fn apply_syntax(&mut self, syn: &[SyntaxAtoms]) {
        for (a, s) in self.atoms.iter_mut().zip(syn) {
            a.syn = *s;
        }
        self.possessors_as_names();
    }

    /// A capitalized possessor the parser tagged NOUN reads as PROPN. Before a possessive
    /// (`'s`, or a bare `'` after a final s) the parser splits the two on cues the tagger
    /// weighs itself (`,” Guterres’ spokesman`: the capital after a closing quote and the
    /// plural-looking -s gave NNS), and a capitalized NOUN vetoed the name; a capitalized
    /// common noun that owns something is rare outside headlines.
    fn possessors_as_names(&mut self) {
        const NOUN: u8 = crate::syntax::Upos::Noun as u8 + 1;
        const PROPN: u8 = crate::syntax::Upos::Propn as u8 + 1;
        const POSS: u8 = crate::syntax::Rel::NmodPoss as u8 + 1;
        let s_final = hash_bytes(0x80, b"s");
        for i in 0..self.atoms.len() {
            let a = &self.atoms[i];
            if !a.upper_initial || a.syn.upos != NOUN {
                continue;
            }
            let marker = self.atoms.get(i + 1).is_some_and(|n| {
                n.lower == *APOSTROPHE_S || (n.lower == *APOSTROPHE && a.suf[0] == s_final)
            });
            if marker || a.syn.role == POSS {
                self.atoms[i].syn.upos = PROPN;
            }
        }
    }

    fn token(&mut self, tok: &str) -> Atoms {
        let (upper, lowerc, first_upper) = self.views(tok, tok.is_ascii());
        let lb = self.lower.as_bytes();
        let mut pre = [0u64; 3];
        let mut suf = [0u64; 4];
        // Prefixes/suffixes by characters, found from char boundaries of the lower form.
        let mut idx = self.lower.char_indices().map(|(i, _)| i);
        let starts: [usize; 4] = [
            idx.next().unwrap_or(lb.len()),
            idx.next().unwrap_or(lb.len()),
            idx.next().unwrap_or(lb.len()),
            idx.next().unwrap_or(lb.len()),
        ];
        for (k, p) in pre.iter_mut().enumerate() {
            *p = hash_bytes(0x70 + k as u64, &lb[..starts[k + 1]]);
        }
        let mut rev = self.lower.char_indices().rev().map(|(i, _)| i);
        for (k, s) in suf.iter_mut().enumerate() {
            let from = rev.next().unwrap_or(0);
            *s = hash_bytes(0x80 + k as u64, &lb[from..]);
        }
        let lower = word_hash(lb);
        let info = gz::word_info_by_hash(lower);
        let wf = info.flags;
        Atoms {
            lower,
            raw: hash_bytes(2, tok.as_bytes().get(..MAX_TOKEN).unwrap_or(tok.as_bytes())),
            shape: hash_bytes(3, &self.shape),
            short: hash_bytes(4, &self.short),
            pre,
            suf,
            flags: wf & ((1 << gz::FREQ_SHIFT) - 1),
            freq: (wf >> gz::FREQ_SHIFT) as u8,
            upper_initial: first_upper == Some(true),
            all_caps: upper > 0 && lowerc == 0,
            doc: 0,
            cluster: info.cluster,
            syn: NO_SYNTAX,
        }
    }
}

// Template ids.
const T_BIAS: u64 = 1;
const T_LOWER: u64 = 2;
const T_RAW: u64 = 3;
const T_SHAPE: u64 = 4;
const T_SHORT: u64 = 5;
const T_PRE: u64 = 6;
const T_SUF: u64 = 7;
const T_LOWER_M1: u64 = 8;
const T_LOWER_P1: u64 = 9;
const T_LOWER_M2: u64 = 10;
const T_LOWER_P2: u64 = 11;
const T_SHORT_M1: u64 = 12;
const T_SHORT_P1: u64 = 13;
const T_SHORT_TRI: u64 = 14;
const T_BI_LEFT: u64 = 15;
const T_BI_RIGHT: u64 = 16;
const T_LOWER_M1_SHORT: u64 = 17;
const T_SHORT_LOWER_P1: u64 = 18;
const T_FIRST_SHORT: u64 = 19;
const T_CAPS_LOWER: u64 = 20;
const T_CAPS_SHORT: u64 = 21;
const T_GAZ: u64 = 22;
const T_GAZ_M1: u64 = 23;
const T_GAZ_P1: u64 = 24;
const T_SUF_M1: u64 = 25;
const T_SHORT_M2: u64 = 26;
const T_SHORT_P2: u64 = 27;
const T_FREQ: u64 = 28;
const T_FREQ_SHORT: u64 = 29;
const T_FREQ_NEIGHBOURS: u64 = 30;
const T_RUN_END: u64 = 31;
const T_RUN_START: u64 = 32;
const T_RUN_LEN: u64 = 33;
const T_DOC: u64 = 34;
const T_DOC_SHORT: u64 = 35;
// 36 was the word's own cluster (not kept); ids are part of the features' hashes.
const T_CLUSTER_M1: u64 = 37;
const T_CLUSTER_P1: u64 = 38;
const T_CLUSTER_CAP: u64 = 39;
const T_P1: u64 = 40;
const T_UPOS: u64 = 41;
const T_UPOS_TRI: u64 = 42;
const T_ROLE_GOV: u64 = 43;
const T_ROLE_CASE: u64 = 44;

/// Cluster path prefixes read as features: coarse to fine word classes (Brown-cluster usage).
const CLUSTER_PREFIXES: [u32; 3] = [4, 6, 10];

#[inline]
fn at(atoms: &[Atoms], i: isize) -> &Atoms {
    if i < 0 {
        &BOS
    } else {
        atoms.get(i as usize).unwrap_or(&EOS)
    }
}

#[inline]
fn f1(t: u64, a: u64) -> u64 {
    finish(mix(mix(t, a), 0))
}
#[inline]
fn f2(t: u64, a: u64, b: u64) -> u64 {
    finish(mix(mix(mix(t, a), b), 0))
}
#[inline]
fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    finish(mix(mix(mix(mix(t, a), b), c), 0))
}

/// Features of token `i` that do not depend on earlier decisions.
pub fn static_features(s: &Scratch, i: usize, out: &mut Vec<u64>) {
    let a = &s.atoms;
    let ii = i as isize;
    let w = at(a, ii);
    let m1 = at(a, ii - 1);
    let p1 = at(a, ii + 1);
    let m2 = at(a, ii - 2);
    let p2 = at(a, ii + 2);
    out.push(f1(T_BIAS, 0));
    out.push(f1(T_LOWER, w.lower));
    out.push(f1(T_RAW, w.raw));
    out.push(f1(T_SHAPE, w.shape));
    out.push(f1(T_SHORT, w.short));
    for (k, p) in w.pre.iter().enumerate() {
        out.push(f2(T_PRE, k as u64, *p));
    }
    for (k, p) in w.suf.iter().enumerate() {
        out.push(f2(T_SUF, k as u64, *p));
    }
    out.push(f1(T_LOWER_M1, m1.lower));
    out.push(f1(T_LOWER_P1, p1.lower));
    out.push(f1(T_LOWER_M2, m2.lower));
    out.push(f1(T_LOWER_P2, p2.lower));
    out.push(f1(T_SHORT_M1, m1.short));
    out.push(f1(T_SHORT_P1, p1.short));
    out.push(f1(T_SHORT_M2, m2.short));
    out.push(f1(T_SHORT_P2, p2.short));
    out.push(f3(T_SHORT_TRI, m1.short, w.short, p1.short));
    out.push(f2(T_BI_LEFT, m1.lower, w.lower));
    out.push(f2(T_BI_RIGHT, w.lower, p1.lower));
    out.push(f2(T_LOWER_M1_SHORT, m1.lower, w.short));
    out.push(f2(T_SHORT_LOWER_P1, w.short, p1.lower));
    out.push(f2(T_SUF_M1, m1.suf[2], w.short));
    if i == 0 {
        out.push(f1(T_FIRST_SHORT, w.short));
    }
    let pos = u64::from(i == 0);
    out.push(f3(
        T_FREQ,
        u64::from(w.freq),
        u64::from(w.upper_initial),
        pos,
    ));
    out.push(f2(T_FREQ_SHORT, u64::from(w.freq), w.short));
    out.push(f3(
        T_FREQ_NEIGHBOURS,
        u64::from(m1.freq) * 256 + u64::from(w.freq),
        u64::from(p1.freq),
        w.short,
    ));
    if s.caps_sentence {
        out.push(f1(T_CAPS_LOWER, w.lower));
        out.push(f1(T_CAPS_SHORT, w.short));
    }
    // The capitalized run holding this token (`European Central Bank`): its last word is
    // usually the name's head (bank, university, airport), its first may be a title.
    if w.upper_initial {
        let (mut st, mut en) = (i, i + 1);
        while st > 0 && i - st < 4 && a[st - 1].upper_initial {
            st -= 1;
        }
        while en < a.len() && en - i < 4 && a[en].upper_initial {
            en += 1;
        }
        let last = &a[en - 1];
        let first = &a[st];
        let len = (en - st).min(4) as u64;
        let at_end = u64::from(en - 1 == i);
        let at_start = u64::from(st == i);
        out.push(f3(T_RUN_LEN, len, at_start, at_end));
        if en - 1 != i {
            out.push(f2(T_RUN_END, last.lower, at_start));
            let mut fl = last.flags
                & (gz::ORG_WORD | gz::LOC_WORD | gz::FAC_WORD | gz::EVENT_WORD | gz::LAW_WORD);
            while fl != 0 {
                let bit = fl.trailing_zeros() as u64;
                out.push(f2(T_RUN_END, bit, len));
                fl &= fl - 1;
            }
        }
        if st != i {
            let mut fl = first.flags & (gz::TITLE | gz::DEMONYM | gz::COUNTRY | gz::FIRST_NAME);
            while fl != 0 {
                let bit = fl.trailing_zeros() as u64;
                out.push(f2(T_RUN_START, bit, at_end));
                fl &= fl - 1;
            }
        }
    }
    if w.upper_initial && !s.caps_sentence {
        out.push(f2(T_DOC, u64::from(w.doc), u64::from(i == 0)));
        out.push(f3(
            T_DOC_SHORT,
            u64::from(w.doc),
            w.short,
            u64::from(w.freq >= 8),
        ));
    }
    // Word clusters from unlabelled text: words never seen in the labelled data (a company,
    // a town) share weights with the words they are distributed like.
    // Word clusters learned from unlabelled text (`data/ner/clusters.tsv`): the neighbours'
    // classes generalize context words (`said`/`told`, `in`/`near`) beyond the labelled data.
    // The word's own cluster is read only with its capitalization: as a word feature it cost
    // 1-4 points on GUM dev and UNER test (models/README.md).
    for (t, c) in [(T_CLUSTER_M1, m1), (T_CLUSTER_P1, p1)] {
        if c.cluster != 0 {
            for k in CLUSTER_PREFIXES {
                out.push(f2(
                    t,
                    u64::from(k),
                    u64::from(gz::cluster_prefix(c.cluster, k)),
                ));
            }
        }
    }
    if w.cluster != 0 {
        out.push(f2(
            T_CLUSTER_CAP,
            u64::from(gz::cluster_prefix(w.cluster, 6)),
            u64::from(w.upper_initial) | u64::from(i == 0) << 1,
        ));
    }
    // Syntax: the word's part of speech in context, and for a capitalized word or proper noun
    // the role of its noun phrase (the subject of `say`, the object of `acquire`, a noun
    // after `spokesman for`).
    if w.syn.upos != 0 {
        let sy = &w.syn;
        out.push(f2(T_UPOS, u64::from(sy.upos), u64::from(w.upper_initial)));
        out.push(f3(
            T_UPOS_TRI,
            u64::from(m1.syn.upos),
            u64::from(sy.upos),
            u64::from(p1.syn.upos),
        ));
        if w.upper_initial || sy.upos == crate::syntax::Upos::Propn as u8 + 1 {
            out.push(f2(T_ROLE_GOV, u64::from(sy.role), sy.gov));
            out.push(f3(
                T_ROLE_CASE,
                u64::from(sy.role),
                u64::from(sy.gov_upos),
                sy.case,
            ));
        }
    }
    for (t, flags) in [(T_GAZ, w.flags), (T_GAZ_M1, m1.flags), (T_GAZ_P1, p1.flags)] {
        let mut f = flags;
        while f != 0 {
            let bit = f.trailing_zeros() as u64;
            out.push(f2(t, bit, u64::from(w.upper_initial)));
            f &= f - 1;
        }
    }
}

/// The word appears in lower case elsewhere in the document (`Shares` opening a sentence).
pub const DOC_LOWER: u8 = 1;
/// The word appears capitalized elsewhere, not first in its sentence.
pub const DOC_CAP_MID: u8 = 2;
/// The word appears elsewhere right after a capitalized given name (a surname).
pub const DOC_AFTER_GIVEN: u8 = 4;
/// The word appears elsewhere right after a title (`President`, `Mr.`).
pub const DOC_AFTER_TITLE: u8 = 8;

/// Document-level evidence: per lower-cased word, how often each `DOC_*` situation occurs in
/// the document. A token's bits count its other occurrences only, so a document of one
/// sentence gives the same kind of evidence as a long one.
#[derive(Default)]
pub struct DocStats {
    counts: std::collections::HashMap<u64, [u8; 4], crate::lexicon::FxBuildHasher>,
}

impl DocStats {
    pub fn clear(&mut self) {
        self.counts.clear();
    }

    /// What occurrence `i` of a computed sentence shows, as `DOC_*` bits.
    fn evidence(tokens: &[&str], s: &Scratch, i: usize) -> u8 {
        if s.caps_sentence {
            return 0;
        }
        let a = &s.atoms[i];
        if !a.upper_initial {
            let lower = tokens
                .get(i)
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_lowercase);
            return if lower { DOC_LOWER } else { 0 };
        }
        let Some(prev) = i.checked_sub(1).map(|k| &s.atoms[k]) else {
            return 0;
        };
        let mut bits = 0;
        // After a word or a comma, not after an opening quote, colon or dash.
        let prev_tok = tokens.get(i - 1).copied().unwrap_or("");
        if prev_tok.chars().next().is_some_and(char::is_alphanumeric) || prev_tok == "," {
            bits |= DOC_CAP_MID;
        }
        if prev.upper_initial && prev.flags & gz::FIRST_NAME != 0 {
            bits |= DOC_AFTER_GIVEN;
        }
        if prev.flags & gz::TITLE != 0 {
            bits |= DOC_AFTER_TITLE;
        }
        bits
    }

    /// Counts the occurrences of a sentence that `s` has just computed.
    pub fn add(&mut self, tokens: &[&str], s: &Scratch) {
        for i in 0..s.atoms.len() {
            let e = Self::evidence(tokens, s, i);
            if e != 0 {
                let c = self.counts.entry(s.atoms[i].lower).or_default();
                for (k, n) in c.iter_mut().enumerate() {
                    *n = n.saturating_add(e >> k & 1);
                }
            }
        }
    }

    /// Sets the `doc` bits of the sentence `s` has just computed (counted by `add` before).
    pub fn apply(&self, tokens: &[&str], s: &mut Scratch) {
        for i in 0..s.atoms.len() {
            let own = Self::evidence(tokens, s, i);
            let bits = self.counts.get(&s.atoms[i].lower).map_or(0, |c| {
                (0..4).fold(0u8, |b, k| {
                    // Saturated counts cannot be un-counted exactly; they stay "seen".
                    let others = c[k].saturating_sub(own >> k & 1) > 0 || c[k] == u8::MAX;
                    b | u8::from(others) << k
                })
            });
            s.atoms[i].doc = bits;
        }
    }
}

/// The one feature that depends on the previous tag: the tag transition (a linear-chain
/// model, so Viterbi decoding needs no per-token history lookups).
#[inline]
pub fn transition_feature(prev: u8) -> u64 {
    f1(T_P1, u64::from(prev))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_and_straight_apostrophes_hash_alike() {
        let mut s = Scratch::default();
        s.compute(&["’s", "'s"]);
        assert_eq!(s.atoms[0].lower, s.atoms[1].lower);
        assert_ne!(s.atoms[0].raw, s.atoms[1].raw);
    }

    #[test]
    fn ascii_fast_path_agrees_with_general_path() {
        let mut s = Scratch::default();
        for tok in [
            "Hello",
            "U.S.",
            "McDonald's",
            "`quoted",
            "ABCDEFGH",
            "x1-2_Z",
            "",
            "aaaaaaaa",
        ] {
            let fast = s.views(tok, true);
            let (l, sh, sho) = (s.lower.clone(), s.shape.clone(), s.short.clone());
            let slow = s.views(tok, false);
            assert_eq!(fast, slow, "{tok}");
            assert_eq!(
                (l, sh, sho),
                (s.lower.clone(), s.shape.clone(), s.short.clone()),
                "{tok}"
            );
        }
    }

    #[test]
    fn caps_sentence_and_odd_input() {
        let mut s = Scratch::default();
        s.compute(&["ISLAMABAD", ",", "PAKISTAN", "(", "AP", ")"]);
        assert!(s.caps_sentence);
        s.compute(&["", "\u{0}", "ẞ", &"x".repeat(10_000), "日本"]);
        let mut out = Vec::new();
        for i in 0..5 {
            static_features(&s, i, &mut out);
        }
        assert!(out.len() > 5 * 20 && transition_feature(0) != transition_feature(1));
    }
}
