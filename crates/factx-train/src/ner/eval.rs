//! Entity-level, exact-span evaluation with the OntoNotes → CoNLL mapping (PERSON→PER, ORG→ORG,
//! GPE/LOC/FAC→LOC, everything else → MISC).

use std::fmt;

use factx_core::model::EntityType;
use factx_core::ner::model::Model;
use factx_core::ner::tagger::Tagger;

use crate::ner::data::Sentence;

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
        if self.confidence_sum == 0.0 {
            // The pipeline's mentions carry no confidence.
            return Ok(());
        }
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
    // Documents (consecutive sentences with one `doc_id`) are tagged as such.
    for group in sentences.chunk_by(|a, b| a.doc_id == b.doc_id) {
        let toks: Vec<Vec<&str>> = group
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let tagged_doc = tagger.tag_doc(model, &toks, None);
        for (s, tagged) in group.iter().zip(tagged_doc) {
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
            score_into(&mut rep, &gold, &pred);
            rep.sentences += 1;
            rep.tokens += s.tokens.len();
        }
    }
    rep
}

/// A gold document rebuilt as an article body: one sentence per line, tokens joined by single
/// spaces, with each token's byte range in the body.
#[derive(Debug, Clone, Default)]
pub struct RebuiltDoc {
    pub id: String,
    pub body: String,
    /// Byte range of every token of the document, in order.
    pub token_spans: Vec<(usize, usize)>,
    /// Gold mentions as document-level token ranges.
    pub gold: Vec<(usize, usize, ConllClass)>,
    pub sentences: usize,
}

/// Groups consecutive sentences with the same `doc_id` into rebuilt documents.
pub fn rebuild_docs(sentences: &[Sentence]) -> Vec<RebuiltDoc> {
    let mut out: Vec<RebuiltDoc> = Vec::new();
    for s in sentences {
        if out.last().is_none_or(|d| d.id != s.doc_id) {
            out.push(RebuiltDoc {
                id: s.doc_id.clone(),
                ..Default::default()
            });
        }
        let Some(d) = out.last_mut() else { continue };
        if !d.body.is_empty() {
            d.body.push('\n');
        }
        let first = d.token_spans.len();
        for (i, t) in s.tokens.iter().enumerate() {
            if i > 0 {
                d.body.push(' ');
            }
            let start = d.body.len();
            d.body.push_str(t);
            d.token_spans.push((start, d.body.len()));
        }
        d.gold.extend(s.spans.iter().map(|g| {
            (
                first + g.start,
                first + g.end,
                ConllClass::of(g.entity_type),
            )
        }));
        d.sentences += 1;
    }
    out
}

/// Marks a predicted mention whose byte span does not fall on token boundaries: it can never
/// match a gold mention, so it counts as a false positive.
pub const WRONG_SPAN: usize = usize::MAX;

/// The proper-name mentions the whole engine returns for a rebuilt document, as document-level
/// token ranges with their entity's class. Mentions nested inside another name are dropped
/// (CoNLL annotates the outermost name only); byte spans off token boundaries become
/// `(WRONG_SPAN, WRONG_SPAN, class)`.
pub fn pipeline_mentions(
    engine: &factx_core::Engine,
    doc: &RebuiltDoc,
) -> factx_core::Result<Vec<(usize, usize, ConllClass)>> {
    use factx_core::model::{Article, ExtractOptions, MentionKind};
    let article = Article {
        id: doc.id.clone(),
        body: doc.body.clone(),
        ..Default::default()
    };
    let fs = engine.extract(&article, &ExtractOptions::default())?;
    let mut spans: Vec<(usize, usize, ConllClass)> = fs
        .entities
        .iter()
        .flat_map(|e| {
            e.mentions
                .iter()
                .filter(|m| m.kind == MentionKind::Name)
                .map(move |m| (m.span.start, m.span.end, ConllClass::of(e.entity_type)))
        })
        .collect();
    spans.sort_by_key(|&(s, e, c)| (s, std::cmp::Reverse(e), c));
    spans.dedup_by_key(|&mut (s, e, _)| (s, e));
    let mut outer_end = 0;
    spans.retain(|&(s, e, _)| {
        let keep = s >= outer_end;
        outer_end = outer_end.max(e);
        keep
    });
    let starts: std::collections::HashMap<usize, usize> = doc
        .token_spans
        .iter()
        .enumerate()
        .map(|(i, &(s, _))| (s, i))
        .collect();
    let ends: std::collections::HashMap<usize, usize> = doc
        .token_spans
        .iter()
        .enumerate()
        .map(|(i, &(_, e))| (e, i + 1))
        .collect();
    Ok(spans
        .into_iter()
        .map(|(s, e, c)| match (starts.get(&s), ends.get(&e)) {
            (Some(&a), Some(&b)) if a < b => (a, b, c),
            _ => (WRONG_SPAN, WRONG_SPAN, c),
        })
        .collect())
}

/// Adds one document's gold and predicted mentions to `rep`.
pub fn score_into(
    rep: &mut EvalReport,
    gold: &[(usize, usize, ConllClass)],
    pred: &[(usize, usize, ConllClass)],
) {
    let gold_set: std::collections::HashSet<_> = gold.iter().collect();
    let pred_set: std::collections::HashSet<_> = pred.iter().collect();
    for p in pred {
        let c = &mut rep.per_class[p.2 as usize];
        if gold_set.contains(p) {
            c.tp += 1;
        } else {
            c.fp += 1;
        }
    }
    for g in gold {
        if !pred_set.contains(g) {
            rep.per_class[g.2 as usize].fn_ += 1;
        }
    }
}

/// Scores the whole engine (what the service returns) on gold sentences, document by document.
/// A document the engine rejects counts all its gold mentions as missed.
pub fn evaluate_pipeline(engine: &factx_core::Engine, sentences: &[Sentence]) -> EvalReport {
    let mut rep = EvalReport::default();
    for d in rebuild_docs(sentences) {
        let pred = pipeline_mentions(engine, &d).unwrap_or_default();
        score_into(&mut rep, &d.gold, &pred);
        rep.sentences += d.sentences;
        rep.tokens += d.token_spans.len();
    }
    rep
}

/// The pipeline's errors on gold sentences, one line each, for error analysis: `MISS` (a gold
/// mention not predicted with its span and class), `FALSE` (a prediction not in the gold),
/// `TYPE` (the right span with the wrong class, gold class first); with the sentence's text.
pub fn pipeline_errors(engine: &factx_core::Engine, sentences: &[Sentence]) -> Vec<String> {
    let mut out = Vec::new();
    for d in rebuild_docs(sentences) {
        let pred = pipeline_mentions(engine, &d).unwrap_or_default();
        let text = |a: usize, b: usize| &d.body[d.token_spans[a].0..d.token_spans[b - 1].1];
        let line_of = |a: usize| {
            let s = d.token_spans[a].0;
            let from = d.body[..s].rfind('\n').map_or(0, |i| i + 1);
            let to = d.body[s..].find('\n').map_or(d.body.len(), |i| s + i);
            &d.body[from..to]
        };
        let span_class = |v: &[(usize, usize, ConllClass)], a: usize, b: usize| {
            v.iter().find(|m| (m.0, m.1) == (a, b)).map(|m| m.2)
        };
        for &(a, b, c) in &d.gold {
            if pred.contains(&(a, b, c)) {
                continue;
            }
            let line = match span_class(&pred, a, b) {
                Some(pc) => format!("TYPE {}>{}", c.label(), pc.label()),
                None => format!("MISS {}", c.label()),
            };
            out.push(format!("{line}\t{}\t{}\t{}", text(a, b), d.id, line_of(a)));
        }
        for &(a, b, c) in &pred {
            if a == WRONG_SPAN {
                out.push(format!("FALSE {}\t(off tokens)\t{}\t", c.label(), d.id));
                continue;
            }
            if d.gold.contains(&(a, b, c)) || span_class(&d.gold, a, b).is_some() {
                continue;
            }
            out.push(format!(
                "FALSE {}\t{}\t{}\t{}",
                c.label(),
                text(a, b),
                d.id,
                line_of(a)
            ));
        }
    }
    out
}

/// The default engine with `model` in place of the embedded one.
pub fn engine_with_model(model: Model) -> factx_core::Result<factx_core::Engine> {
    use factx_core::entities::{EntityStage, ModelNer};
    let mut stages = factx_core::pipeline::default_stages();
    for s in &mut stages {
        if s.name() == "entities" {
            *s = Box::new(EntityStage::with_tagger(std::sync::Arc::new(ModelNer(
                model.clone(),
            ))));
        }
    }
    Ok(factx_core::Engine::with_pipeline(
        factx_core::pipeline::Pipeline::new(stages)?,
        factx_core::EngineConfig::default(),
    ))
}
