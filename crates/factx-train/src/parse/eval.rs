//! `factx eval parse` with gold tokenization: the model tags, lemmatizes and parses the gold
//! words of each sentence; every word is scored (punctuation included, as in the CoNLL shared
//! tasks). LAS here compares full labels (`nsubj:pass` ≠ `nsubj`); `LAS (universal)` ignores
//! subtypes, like the raw-text evaluation.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use factx_core::syntax::{Analyzer, Rel, SyntaxModel};

use crate::conllu;

/// The relations the fact stages rely on, reported one by one.
pub const KEY_RELATIONS: &[Rel] = &[
    Rel::Nsubj,
    Rel::NsubjPass,
    Rel::Obj,
    Rel::Iobj,
    Rel::Obl,
    Rel::Ccomp,
    Rel::Xcomp,
    Rel::Nmod,
    Rel::Appos,
    Rel::Conj,
    Rel::AclRelcl,
];

#[derive(Debug, Clone, Copy, Default)]
pub struct RelStats {
    /// Gold words with this relation.
    pub gold: usize,
    /// Words the parser gave this relation.
    pub system: usize,
    /// Words with this relation in both, attached to the right head.
    pub correct: usize,
    /// Gold words with this relation attached to the right head (label aside).
    pub head_right: usize,
}

impl RelStats {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.system)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        ratio(2 * self.correct, self.gold + self.system)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Debug, Clone, Default)]
pub struct GoldReport {
    pub sentences: usize,
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
    pub lemma: usize,
    pub uas: usize,
    pub las: usize,
    pub las_universal: usize,
    pub rels: BTreeMap<Rel, RelStats>,
    /// Gold relation → what the parser did instead ("wrong head", or the label it gave) → count.
    pub errors: HashMap<Rel, HashMap<String, usize>>,
}

impl GoldReport {
    fn pct(&self, n: usize) -> f64 {
        100.0 * ratio(n, self.words)
    }
    pub fn uas(&self) -> f64 {
        ratio(self.uas, self.words)
    }
    pub fn las(&self) -> f64 {
        ratio(self.las, self.words)
    }
    pub fn upos(&self) -> f64 {
        ratio(self.upos, self.words)
    }

    /// Relations by the number of gold arcs the parser got wrong (head or label).
    pub fn worst(&self, n: usize) -> Vec<(Rel, usize, RelStats)> {
        let mut v: Vec<(Rel, usize, RelStats)> = self
            .rels
            .iter()
            .map(|(r, s)| (*r, s.gold - s.correct, *s))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }

    fn top_errors(&self, r: Rel, n: usize) -> String {
        let Some(m) = self.errors.get(&r) else {
            return String::new();
        };
        let mut v: Vec<(&String, &usize)> = m.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.iter()
            .take(n)
            .map(|(k, c)| format!("{k} {c}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for GoldReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} sentences, {} words (gold tokenization)",
            self.sentences, self.words
        )?;
        writeln!(
            f,
            "UPOS {:.2}  XPOS {:.2}  lemma {:.2}  UAS {:.2}  LAS {:.2}  LAS (universal) {:.2}",
            self.pct(self.upos),
            self.pct(self.xpos),
            self.pct(self.lemma),
            self.pct(self.uas),
            self.pct(self.las),
            self.pct(self.las_universal)
        )?;
        writeln!(
            f,
            "\nrelation       gold  precision  recall     F1   head right"
        )?;
        for r in KEY_RELATIONS {
            let s = self.rels.get(r).copied().unwrap_or_default();
            writeln!(
                f,
                "{:<12} {:>6}  {:>9.2} {:>7.2} {:>6.2} {:>12.2}",
                r.label(),
                s.gold,
                100.0 * s.precision(),
                100.0 * s.recall(),
                100.0 * s.f1(),
                100.0 * ratio(s.head_right, s.gold)
            )?;
        }
        writeln!(
            f,
            "\nmost gold arcs lost, by relation (lost / gold: what the parser did instead)"
        )?;
        for (r, lost, s) in self.worst(12) {
            writeln!(
                f,
                "{:<12} {:>5} / {:<5} {}",
                r.label(),
                lost,
                s.gold,
                self.top_errors(r, 4)
            )?;
        }
        Ok(())
    }
}

/// Scores `model` on the gold words of `sentences`.
pub fn evaluate(model: &SyntaxModel, sentences: &[conllu::Sentence]) -> GoldReport {
    let mut rep = GoldReport::default();
    let mut a = Analyzer::default();
    let mut lemma = String::new();
    for s in sentences {
        if s.words.is_empty() {
            continue;
        }
        rep.sentences += 1;
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        model.analyze(&forms, &mut a);
        for (k, w) in s.words.iter().enumerate() {
            let p = a.word(model, k);
            rep.words += 1;
            rep.upos += usize::from(p.upos.label() == w.upos);
            rep.xpos += usize::from(p.xpos.label() == w.xpos);
            lemma.clear();
            a.lemma(model, &w.form, p.xpos, &mut lemma);
            rep.lemma += usize::from(lemma == w.lemma);
            let gold_head = w.head.map(|h| h as usize);
            let sys_head = p.head.map_or(0, |h| h + 1);
            let gold_rel = Rel::parse_lenient(&w.deprel);
            let head_ok = gold_head == Some(sys_head);
            let rel_ok = gold_rel == p.rel;
            rep.uas += usize::from(head_ok);
            rep.las += usize::from(head_ok && rel_ok);
            rep.las_universal += usize::from(head_ok && gold_rel.base() == p.rel.base());
            let g = rep.rels.entry(gold_rel).or_default();
            g.gold += 1;
            g.head_right += usize::from(head_ok);
            g.correct += usize::from(head_ok && rel_ok);
            rep.rels.entry(p.rel).or_default().system += 1;
            if !(head_ok && rel_ok) {
                let what = if head_ok {
                    format!("as {}", p.rel.label())
                } else {
                    "wrong head".to_owned()
                };
                *rep.errors
                    .entry(gold_rel)
                    .or_default()
                    .entry(what)
                    .or_default() += 1;
            }
        }
    }
    rep
}
