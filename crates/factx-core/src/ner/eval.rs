//! Entity-level, exact-span evaluation with the OntoNotes → CoNLL mapping (PERSON→PER, ORG→ORG,
//! GPE/LOC/FAC→LOC, everything else → MISC).

use std::fmt;

use crate::model::EntityType;
use crate::ner::data::Sentence;
use crate::ner::model::Model;
use crate::ner::tagger::Tagger;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConllClass {
    Per,
    Org,
    Loc,
    Misc,
}

impl ConllClass {
    pub const ALL: [ConllClass; 4] = [
        ConllClass::Per,
        ConllClass::Org,
        ConllClass::Loc,
        ConllClass::Misc,
    ];
    pub fn of(t: EntityType) -> ConllClass {
        match t {
            EntityType::Person => ConllClass::Per,
            EntityType::Org => ConllClass::Org,
            EntityType::Gpe | EntityType::Loc | EntityType::Fac => ConllClass::Loc,
            _ => ConllClass::Misc,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ConllClass::Per => "PER",
            ConllClass::Org => "ORG",
            ConllClass::Loc => "LOC",
            ConllClass::Misc => "MISC",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: &Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct EvalReport {
    /// Indexed like `ConllClass::ALL`.
    pub per_class: [Counts; 4],
    pub sentences: usize,
    pub tokens: usize,
    /// Sum of the predicted mentions' confidences (calibration: mean vs precision).
    pub confidence_sum: f64,
}

impl EvalReport {
    pub fn class(&self, c: ConllClass) -> Counts {
        self.per_class[c as usize]
    }
    /// Adds another report's counts (e.g. over cross-validation folds).
    pub fn merge(&mut self, other: &EvalReport) {
        for (a, b) in self.per_class.iter_mut().zip(&other.per_class) {
            a.add(b);
        }
        self.confidence_sum += other.confidence_sum;
        self.sentences += other.sentences;
        self.tokens += other.tokens;
    }
    /// Micro-averaged over PER, ORG and LOC.
    pub fn per_org_loc(&self) -> Counts {
        let mut c = Counts::default();
        for k in [ConllClass::Per, ConllClass::Org, ConllClass::Loc] {
            c.add(&self.per_class[k as usize]);
        }
        c
    }
    /// Micro-averaged over all four classes.
    pub fn overall(&self) -> Counts {
        let mut c = self.per_org_loc();
        c.add(&self.per_class[ConllClass::Misc as usize]);
        c
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} sentences, {} tokens", self.sentences, self.tokens)?;
        writeln!(
            f,
            "{:<12} {:>6} {:>6} {:>6} {:>6} {:>6}",
            "class", "P", "R", "F1", "gold", "pred"
        )?;
        let mut row = |name: &str, c: Counts| {
            writeln!(
                f,
                "{:<12} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>6}",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp + c.fn_,
                c.tp + c.fp
            )
        };
        for k in ConllClass::ALL {
            row(k.label(), self.class(k))?;
        }
        row("PER/ORG/LOC", self.per_org_loc())?;
        let all = self.overall();
        row("all", all)?;
        let npred = all.tp + all.fp;
        writeln!(
            f,
            "mean confidence {:.3} (precision {:.3})",
            self.confidence_sum / npred.max(1) as f64,
            all.precision()
        )
    }
}

/// Scores `model` on gold sentences.
pub fn evaluate(model: &Model, sentences: &[Sentence]) -> EvalReport {
    let mut tagger = Tagger::new();
    let mut rep = EvalReport::default();
    for s in sentences {
        let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        let tagged = tagger.tag(model, &toks);
        rep.confidence_sum += tagged.iter().map(|m| f64::from(m.confidence)).sum::<f64>();
        let pred: Vec<(usize, usize, ConllClass)> = tagged
            .into_iter()
            .map(|p| (p.start_token, p.end_token, ConllClass::of(p.entity_type)))
            .collect();
        let gold: Vec<(usize, usize, ConllClass)> = s
            .spans
            .iter()
            .map(|g| (g.start, g.end, ConllClass::of(g.entity_type)))
            .collect();
        for p in &pred {
            let c = &mut rep.per_class[p.2 as usize];
            if gold.contains(p) {
                c.tp += 1;
            } else {
                c.fp += 1;
            }
        }
        for g in &gold {
            if !pred.contains(g) {
                rep.per_class[g.2 as usize].fn_ += 1;
            }
        }
        rep.sentences += 1;
        rep.tokens += s.tokens.len();
    }
    rep
}
