//! `Doc`: the single source of truth for one article while it moves through the pipeline. Each
//! stage reads some annotations and adds others (see `Annotation`); spans are byte offsets into
//! the original, never-modified body.

use std::collections::BTreeSet;

use crate::model::{
    Article, Entity, EntityType, ExtractOptions, Fact, MentionKind, Span, TimeExpression,
};

/// The kinds of annotation a stage can require or provide, each naming the `Doc` fields it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Annotation {
    /// `tokens`
    Tokens,
    /// `sentences` and `paragraphs`
    Sentences,
    /// `syntax`: part of speech, lemma, head and relation of every token (and the syntax
    /// model's name in `models`)
    Syntax,
    /// `dateline`
    Dateline,
    /// `times`
    Times,
    /// `quantities`: numbers with their qualifier, unit and counted noun
    Quantities,
    /// `mentions` (and the tagger's name in `models`)
    Mentions,
    /// `titles`: titles and offices before PERSON names
    Titles,
    /// `entities` and `mention_entity`
    Entities,
    /// `facts`
    Facts,
}

impl Annotation {
    pub const ALL: [Annotation; 10] = [
        Annotation::Tokens,
        Annotation::Sentences,
        Annotation::Syntax,
        Annotation::Dateline,
        Annotation::Times,
        Annotation::Quantities,
        Annotation::Mentions,
        Annotation::Titles,
        Annotation::Entities,
        Annotation::Facts,
    ];

    /// Lowercase name, as the stage table in `lib.rs` writes it.
    pub fn name(self) -> &'static str {
        match self {
            Annotation::Tokens => "tokens",
            Annotation::Sentences => "sentences",
            Annotation::Syntax => "syntax",
            Annotation::Dateline => "dateline",
            Annotation::Times => "times",
            Annotation::Quantities => "quantities",
            Annotation::Mentions => "mentions",
            Annotation::Titles => "titles",
            Annotation::Entities => "entities",
            Annotation::Facts => "facts",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Range of indices into `Doc::tokens`.
    pub tokens: std::ops::Range<usize>,
}

/// The place a dateline names (`ISLAMABAD:`), the default location of the article's events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// Span of the place name inside the dateline.
    pub place: Span,
    /// Byte offset just past the dateline's closing `:` or dash: where the first sentence's
    /// own words begin.
    pub end: usize,
}

/// A mention before coreference has grouped it into an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionCandidate {
    pub span: Span,
    pub entity_type: EntityType,
    pub kind: MentionKind,
    pub sentence: u32,
    /// 0..1, from the tagger or the rule that found it.
    pub confidence: f32,
    /// Which rule or model found it (for debugging and `extractor` fields).
    pub source: &'static str,
}

/// A title or office written right before a PERSON name (`Foreign Secretary` in `Foreign Secretary
/// Jane Doe`; both titles of `Deputy Prime Minister and Foreign Minister Jane Doe`), found by the
/// entity stage (`Annotation::Titles`).
#[derive(Debug, Clone, PartialEq)]
pub struct TitleMention {
    pub span: Span,
    pub text: String,
    /// Index into `Doc::mentions` of the PERSON name mention the title precedes.
    pub person_mention: usize,
    pub kind: crate::lexicon::TitleKind,
}

/// Whether one of `starts` (sorted byte offsets of paragraph starts) lies in `(from, to]`.
pub fn paragraph_break(starts: &[usize], from: usize, to: usize) -> bool {
    let k = starts.partition_point(|&p| p <= from);
    starts.get(k).is_some_and(|&p| p <= to)
}

pub struct Doc<'a> {
    pub article: &'a Article,
    pub options: &'a ExtractOptions,
    /// The original body; every span indexes into it.
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Byte offsets where paragraphs start (the first token's included), sorted; each starts a
    /// sentence. Hard-wrapped lines are not paragraphs: test a paragraph break with
    /// `paragraph_break`, not by looking for a line break.
    pub paragraphs: Vec<usize>,
    /// Tags, lemmas and dependency trees, parallel to `tokens` (syntax stage).
    pub syntax: crate::syntax::Syntax,
    pub dateline: Option<Dateline>,
    pub times: Vec<TimeExpression>,
    /// Numbers with their qualifier, unit and counted noun (quantity stage), in text order.
    pub quantities: Vec<crate::quantity::Quantity>,
    pub mentions: Vec<MentionCandidate>,
    /// Titles before PERSON names (entity stage; coreference keeps the indices right), in text
    /// order.
    pub titles: Vec<TitleMention>,
    /// For each `mentions[i]`, the index into `entities` of the entity it belongs to (coref stage);
    /// `None` for candidates that coreference dropped (unresolved pronouns and nominals).
    pub mention_entity: Vec<Option<usize>>,
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
    /// Models used, in the order they ran, each with the annotation it produced (so that the
    /// annotation owns its model's name); reported in `FactSet.extractor.models`.
    models: Vec<(Annotation, String)>,
    done: BTreeSet<Annotation>,
}

impl<'a> Doc<'a> {
    /// Index of the sentence holding byte `at` (the last sentence for a byte past them all,
    /// 0 when there are none), as mention candidates record it.
    pub fn sentence_index_at(&self, at: usize) -> u32 {
        self.sentences
            .partition_point(|s| s.span.end <= at)
            .min(self.sentences.len().saturating_sub(1)) as u32
    }

    pub fn new(article: &'a Article, options: &'a ExtractOptions) -> Self {
        Doc {
            article,
            options,
            text: &article.body,
            tokens: Vec::new(),
            sentences: Vec::new(),
            paragraphs: Vec::new(),
            syntax: crate::syntax::Syntax::default(),
            dateline: None,
            times: Vec::new(),
            quantities: Vec::new(),
            mentions: Vec::new(),
            titles: Vec::new(),
            mention_entity: Vec::new(),
            entities: Vec::new(),
            facts: Vec::new(),
            models: Vec::new(),
            done: BTreeSet::new(),
        }
    }

    /// Whether a paragraph starts in the byte range `(from, to]` (between a token ending at
    /// `from` and one starting at `to`).
    pub fn paragraph_break(&self, from: usize, to: usize) -> bool {
        paragraph_break(&self.paragraphs, from, to)
    }

    pub fn has(&self, a: Annotation) -> bool {
        self.done.contains(&a)
    }

    pub(crate) fn mark(&mut self, a: Annotation) {
        self.done.insert(a);
    }

    /// Records that model `name` produced annotation `a` (once per name).
    pub fn use_model(&mut self, a: Annotation, name: &str) {
        if !self.models.iter().any(|(_, n)| n == name) {
            self.models.push((a, name.to_string()));
        }
    }

    /// Names of the models used, in the order they ran.
    pub fn model_names(&self) -> Vec<String> {
        self.models.iter().map(|(_, n)| n.clone()).collect()
    }

    #[cfg(test)]
    fn models_of(&self, a: Annotation) -> Vec<&str> {
        self.models
            .iter()
            .filter(|(m, _)| *m == a)
            .map(|(_, n)| n.as_str())
            .collect()
    }

    /// Removes annotation `a`: its fields go back to empty (the stage contract tests run a stage
    /// on a doc stripped of everything it does not declare).
    #[cfg(test)]
    pub(crate) fn clear(&mut self, a: Annotation) {
        match a {
            Annotation::Tokens => self.tokens.clear(),
            Annotation::Sentences => {
                self.sentences.clear();
                self.paragraphs.clear();
            }
            Annotation::Syntax => self.syntax = crate::syntax::Syntax::default(),
            Annotation::Dateline => self.dateline = None,
            Annotation::Times => self.times.clear(),
            Annotation::Quantities => self.quantities.clear(),
            Annotation::Mentions => self.mentions.clear(),
            Annotation::Titles => self.titles.clear(),
            Annotation::Entities => {
                self.entities.clear();
                self.mention_entity.clear();
            }
            Annotation::Facts => self.facts.clear(),
        }
        self.models.retain(|(m, _)| *m != a);
        self.done.remove(&a);
    }

    /// The fields of annotation `a`, printed: equal prints mean equal annotations.
    #[cfg(test)]
    pub(crate) fn dump(&self, a: Annotation) -> String {
        match a {
            Annotation::Tokens => format!("{:?}", self.tokens),
            Annotation::Sentences => format!("{:?} {:?}", self.sentences, self.paragraphs),
            Annotation::Syntax => format!("{:?} {:?}", self.syntax, self.models_of(a)),
            Annotation::Dateline => format!("{:?}", self.dateline),
            Annotation::Times => format!("{:?}", self.times),
            Annotation::Quantities => format!("{:?}", self.quantities),
            Annotation::Mentions => format!("{:?} {:?}", self.mentions, self.models_of(a)),
            Annotation::Titles => format!("{:?}", self.titles),
            Annotation::Entities => format!("{:?} {:?}", self.entities, self.mention_entity),
            Annotation::Facts => format!("{:?}", self.facts),
        }
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }

    pub fn token_text(&self, i: usize) -> &'a str {
        self.slice(self.tokens[i].span)
    }
}
