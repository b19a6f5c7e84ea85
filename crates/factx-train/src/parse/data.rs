//! Training examples from CoNLL-U: the syntactic words of each sentence with their gold tags,
//! lemmas, heads and relations, the joint tag set, and projectivization of the gold trees.

use std::collections::HashMap;

use factx_core::syntax::{Rel, Upos, Xpos};

use crate::conllu;

/// One gold sentence. Heads use parser node numbers: 0 = root, `k` = word `k - 1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub forms: Vec<String>,
    pub upos: Vec<Upos>,
    pub xpos: Vec<Xpos>,
    pub lemmas: Vec<String>,
    pub heads: Vec<u32>,
    pub rels: Vec<Rel>,
    /// Document id (from `# newdoc id`), for folds that keep documents together.
    pub doc: String,
}

impl Example {
    pub fn len(&self) -> usize {
        self.forms.len()
    }
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

/// Converts sentences to examples. Sentences with a missing head are skipped; unknown tags
/// become `X` / `XX`.
pub fn examples(sentences: &[conllu::Sentence]) -> Vec<Example> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut doc = String::new();
    for s in sentences {
        if let Some(d) = s.newdoc() {
            doc = d.to_owned();
        }
        if s.words.is_empty() || s.words.iter().any(|w| w.head.is_none()) {
            continue;
        }
        out.push(Example {
            forms: s.words.iter().map(|w| w.form.clone()).collect(),
            upos: s
                .words
                .iter()
                .map(|w| Upos::from_label(&w.upos).unwrap_or(Upos::X))
                .collect(),
            xpos: s
                .words
                .iter()
                .map(|w| Xpos::from_label(&w.xpos).unwrap_or(Xpos::Xx))
                .collect(),
            lemmas: s.words.iter().map(|w| w.lemma.clone()).collect(),
            heads: s.words.iter().map(|w| w.head.unwrap_or(0)).collect(),
            rels: s
                .words
                .iter()
                .map(|w| Rel::parse_lenient(&w.deprel))
                .collect(),
            doc: doc.clone(),
        });
    }
    out
}

/// The joint (UPOS, XPOS) tags of the tagger: every pair seen at least `min_count` times, most
/// frequent first; a rarer pair is folded into the most frequent kept pair with the same XPOS
/// (else the same UPOS).
#[derive(Debug, Clone)]
pub struct TagSet {
    pub tags: Vec<(Upos, Xpos)>,
    map: HashMap<(Upos, Xpos), u8>,
}

impl TagSet {
    pub fn build(data: &[Example], min_count: usize) -> TagSet {
        let mut count: HashMap<(Upos, Xpos), usize> = HashMap::new();
        for e in data {
            for (u, x) in e.upos.iter().zip(&e.xpos) {
                *count.entry((*u, *x)).or_default() += 1;
            }
        }
        let mut pairs: Vec<((Upos, Xpos), usize)> = count.into_iter().collect();
        pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let tags: Vec<(Upos, Xpos)> = pairs
            .iter()
            .filter(|(_, c)| *c >= min_count)
            .map(|(p, _)| *p)
            .take(250)
            .collect();
        let mut map = HashMap::new();
        for (k, t) in tags.iter().enumerate() {
            map.insert(*t, k as u8);
        }
        for ((u, x), _) in &pairs {
            if map.contains_key(&(*u, *x)) {
                continue;
            }
            let k = tags
                .iter()
                .position(|t| t.1 == *x)
                .or_else(|| tags.iter().position(|t| t.0 == *u))
                .unwrap_or(0);
            map.insert((*u, *x), k as u8);
        }
        TagSet { tags, map }
    }

    pub fn class(&self, u: Upos, x: Xpos) -> u8 {
        self.map.get(&(u, x)).copied().unwrap_or(0)
    }

    pub fn classes(&self, e: &Example) -> Vec<u8> {
        e.upos
            .iter()
            .zip(&e.xpos)
            .map(|(u, x)| self.class(*u, *x))
            .collect()
    }
}

/// Whether the arc into `d` (0-based word; heads in node numbers) is projective: every word
/// between head and dependent descends from the head.
fn is_projective_arc(heads: &[u32], d: usize) -> bool {
    let h = heads[d] as usize; // node number
    let node = d + 1;
    let (lo, hi) = if h < node { (h, node) } else { (node, h) };
    (lo + 1..hi).all(|k| {
        // Walk up from node k; it must reach h before the root.
        let mut x = k;
        let mut steps = 0;
        while x != 0 && x != h && steps <= heads.len() {
            x = heads[x - 1] as usize;
            steps += 1;
        }
        x == h
    })
}

/// Lifts non-projective arcs (the shortest first) to the head's head until the tree is
/// projective, as in pseudo-projective parsing without label encoding. Returns how many arcs
/// were lifted.
pub fn projectivize(heads: &mut [u32]) -> usize {
    let mut lifted = 0;
    loop {
        let worst = (0..heads.len())
            .filter(|&d| heads[d] != 0 && !is_projective_arc(heads, d))
            .min_by_key(|&d| ((heads[d] as usize).abs_diff(d + 1), d));
        let Some(d) = worst else { return lifted };
        let h = heads[d] as usize;
        heads[d] = if h == 0 { 0 } else { heads[h - 1] };
        lifted += 1;
        if lifted > heads.len() * heads.len() {
            return lifted;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifts_crossing_arcs() {
        // 1 → 3, 2 → 4 cross: "a b c d" with heads a:0? Build: w1 root, w3 head w1, w2 head w4,
        // w4 head w1. Arc 4→2 spans 3, which 4 does not dominate.
        let mut h = vec![0, 4, 1, 1];
        assert!(!is_projective_arc(&h, 1));
        assert_eq!(projectivize(&mut h), 1);
        assert_eq!(h, vec![0, 1, 1, 1]);
        let mut p = vec![2, 0, 2];
        assert_eq!(projectivize(&mut p), 0);
    }

    #[test]
    fn tag_set_folds_rare_pairs() {
        let e = Example {
            forms: vec!["a".into(); 3],
            upos: vec![Upos::Noun, Upos::Noun, Upos::Propn],
            xpos: vec![Xpos::Nn, Xpos::Nn, Xpos::Nn],
            lemmas: vec!["a".into(); 3],
            heads: vec![0, 1, 1],
            rels: vec![Rel::Root, Rel::Dep, Rel::Dep],
            doc: String::new(),
        };
        let t = TagSet::build(&[e], 2);
        assert_eq!(t.tags, vec![(Upos::Noun, Xpos::Nn)]);
        assert_eq!(t.class(Upos::Propn, Xpos::Nn), 0);
    }
}
