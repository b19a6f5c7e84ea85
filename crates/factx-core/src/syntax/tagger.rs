//! Part-of-speech tagging: a greedy left-to-right averaged perceptron over joint UPOS+XPOS tags.
//! Each token is scored with features of its own word (form, affixes, shape), its neighbours'
//! words, the tags already given to the two tokens before it, and the usual tag of the next two
//! words from a tag dictionary (the model cannot see tags to its right otherwise). Frequent words
//! that (nearly) always have one tag in training (`the`, `,`, `of`) take it from the dictionary
//! without being scored: a third of news tokens, at no measurable cost in accuracy.

use std::collections::HashMap;

use super::features::{f1, f2, f3, Atoms, BOUNDARY_AFTER, BOUNDARY_BEFORE, FLAG_UPPER_INITIAL};
use super::tags::{Upos, Xpos};
pub use super::weights::argmax;
use super::weights::{Reader, Scorer, Table, TableSource};
use crate::error::Result;

/// "No tag": before the sentence, or a word the tag dictionary does not know.
pub const NO_TAG: u8 = u8::MAX;
/// Dictionary entries with this bit are sure: the word takes the tag without being scored.
pub const SURE: u8 = 0x80;

/// A word → usual tag map for frequent, mostly unambiguous words (the tag, `| SURE` for words
/// that always take it). Keys are `Atoms::word`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TagDict {
    map: HashMap<u64, u8, IdHash>,
}

/// The keys are hashes already: use them as they are.
#[derive(Clone, Copy, Default, Debug, PartialEq)]
pub struct IdHash;
impl std::hash::BuildHasher for IdHash {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher(0)
    }
}
pub struct IdHasher(u64);
impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl TagDict {
    pub fn from_pairs(pairs: impl IntoIterator<Item = (u64, u8)>) -> TagDict {
        TagDict {
            map: pairs.into_iter().collect(),
        }
    }

    #[inline]
    pub fn get(&self, word: u64) -> u8 {
        self.map.get(&word).copied().unwrap_or(NO_TAG)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    fn save(&self, out: &mut Vec<u8>) {
        let mut pairs: Vec<(u64, u8)> = self.map.iter().map(|(k, v)| (*k, *v)).collect();
        pairs.sort_unstable();
        out.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
        for (k, v) in pairs {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(v);
        }
    }

    fn load(r: &mut Reader<'_>, tags: usize) -> Result<TagDict> {
        let n = r.u32()? as usize;
        let mut map = HashMap::with_capacity_and_hasher(n.min(1 << 20), IdHash);
        for _ in 0..n {
            let b = r.take(8)?;
            let k = u64::from_le_bytes(b.try_into().map_err(|_| r.bad("key"))?);
            let v = r.u8()?;
            if usize::from(v & !SURE) >= tags {
                return Err(r.bad("tag dictionary entry out of range"));
            }
            map.insert(k, v);
        }
        Ok(TagDict { map })
    }
}

/// The tagger's model: its tag set, weights and tag dictionary.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggerModel {
    /// Class `k` is the joint tag `tags[k]`.
    pub tags: Vec<(Upos, Xpos)>,
    pub table: Table,
    pub dict: TagDict,
}

impl TaggerModel {
    /// A model that knows nothing: every token gets the first tag.
    pub fn empty() -> TaggerModel {
        TaggerModel {
            tags: vec![(Upos::Noun, Xpos::Nn)],
            table: Table::empty(1),
            dict: TagDict::default(),
        }
    }

    pub fn save(&self, out: &mut Vec<u8>) {
        out.push(self.tags.len() as u8);
        for (u, x) in &self.tags {
            out.push(*u as u8);
            out.push(*x as u8);
        }
        self.table.save(out);
        self.dict.save(out);
    }

    pub fn load(r: &mut Reader<'_>) -> Result<TaggerModel> {
        TaggerModel::load_with(r, &mut Table::load)
    }

    /// `load`, the weight table read by `tables` (decoded, or used in place: `SyntaxModel`).
    pub fn load_with(r: &mut Reader<'_>, tables: &mut TableSource<'_>) -> Result<TaggerModel> {
        let n = usize::from(r.u8()?);
        if n == 0 || n >= usize::from(SURE) {
            return Err(r.bad("tag count"));
        }
        let mut tags = Vec::with_capacity(n);
        for _ in 0..n {
            let u = Upos::from_index(usize::from(r.u8()?)).ok_or_else(|| r.bad("UPOS"))?;
            let x = Xpos::from_index(usize::from(r.u8()?)).ok_or_else(|| r.bad("XPOS"))?;
            tags.push((u, x));
        }
        let table = tables(r)?;
        if table.classes() != n {
            return Err(r.bad("tagger table width"));
        }
        let dict = TagDict::load(r, n)?;
        Ok(TaggerModel { tags, table, dict })
    }
}

/// Dictionary tags of a sentence's words (`NO_TAG` for unknown words).
pub fn dict_tags(dict: &TagDict, atoms: &[Atoms], out: &mut Vec<u8>) {
    out.clear();
    out.extend(atoms.iter().map(|a| dict.get(a.word)));
}

/// A tag (or dictionary entry, `SURE` bit ignored) as a feature atom.
fn tag_atom(t: u8) -> u64 {
    if t == NO_TAG {
        0
    } else {
        u64::from(t & !SURE) + 1
    }
}

/// The features of token `i`, given the tags `p1`, `p2` of the two tokens before it.
pub fn features(atoms: &[Atoms], dict: &[u8], i: usize, p1: u8, p2: u8, out: &mut Vec<u64>) {
    out.clear();
    let at = |k: isize| -> &Atoms {
        let j = i as isize + k;
        if j < 0 {
            &BOUNDARY_BEFORE
        } else {
            atoms.get(j as usize).unwrap_or(&BOUNDARY_AFTER)
        }
    };
    let d = |k: usize| tag_atom(dict.get(i + k).copied().unwrap_or(NO_TAG));
    let w = at(0);
    let (wm1, wm2, wp1, wp2) = (at(-1), at(-2), at(1), at(2));
    let (t1, t2) = (tag_atom(p1), tag_atom(p2));
    out.extend_from_slice(&[
        f1(1, 0),
        f1(2, w.word),
        f1(3, w.suf[0]),
        f1(4, w.suf[1]),
        f1(5, w.suf[2]),
        f1(6, w.suf[3]),
        f1(7, w.pre[0]),
        f1(8, w.pre[1]),
        f1(9, w.pre[2]),
        f1(10, w.shape),
        f1(11, wm1.word),
        f1(12, wm2.word),
        f1(13, wp1.word),
        f1(14, wp2.word),
        f1(15, wm1.suf[2]),
        f1(16, wp1.suf[2]),
        f1(17, t1),
        f2(18, t1, t2),
        f2(19, t1, w.word),
        f2(20, wm1.word, w.word),
        f2(21, w.word, wp1.word),
        f1(22, d(0)),
        f1(23, d(1)),
        f2(24, d(1), d(2)),
        f2(25, t1, d(1)),
        f2(26, t1, w.suf[2]),
        f2(
            27,
            u64::from(w.flags),
            u64::from(i == 0) | u64::from(wm1.flags & FLAG_UPPER_INITIAL) << 1,
        ),
        f3(28, t1, d(0), d(1)),
        f2(29, w.shape, wp1.shape),
        f2(30, wm1.shape, w.shape),
    ]);
}

/// Greedy tagging of one sentence; `out[i]` is the class of token `i`.
pub fn tag<S: Scorer>(
    scorer: &S,
    atoms: &[Atoms],
    dict: &[u8],
    feats: &mut Vec<u64>,
    scores: &mut Vec<f32>,
    out: &mut Vec<u8>,
) {
    out.clear();
    for i in 0..atoms.len() {
        let p1 = if i >= 1 { out[i - 1] } else { NO_TAG };
        let p2 = if i >= 2 { out[i - 2] } else { NO_TAG };
        if let Some(&d) = dict.get(i).filter(|&&d| d != NO_TAG && d & SURE != 0) {
            out.push(d & !SURE);
            continue;
        }
        features(atoms, dict, i, p1, p2, feats);
        out.push(scorer.best(feats, scores) as u8);
    }
}
