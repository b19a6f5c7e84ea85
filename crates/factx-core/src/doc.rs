//! `Doc`: the single source of truth for one article while it moves through the pipeline. Each
//! stage reads some annotations and adds others (see `Annotation`); spans are byte offsets into
//! the original, never-modified body.

use std::collections::BTreeSet;

use crate::model::{
    Article, Entity, EntityType, ExtractOptions, Fact, MentionKind, Span, TimeExpression,
};

/// The kinds of annotation a stage can require or provide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Annotation {
    Tokens,
    Sentences,
    Dateline,
    Times,
    Quantities,
    Mentions,
    Entities,
    Facts,
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
/// entity stage for the roles stage.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleMention {
    pub span: Span,
    pub text: String,
    /// Index into `Doc::mentions` of the PERSON name mention the title precedes.
    pub person_mention: usize,
    pub kind: crate::lexicon::TitleKind,
}

pub struct Doc<'a> {
    pub article: &'a Article,
    pub options: &'a ExtractOptions,
    /// The original body; every span indexes into it.
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub dateline: Option<Dateline>,
    pub times: Vec<TimeExpression>,
    /// Numbers with their qualifier, unit and counted noun (quantity stage), in text order.
    pub quantities: Vec<crate::quantity::Quantity>,
    pub mentions: Vec<MentionCandidate>,
    /// Titles before PERSON names (entity stage), in text order.
    pub titles: Vec<TitleMention>,
    /// For each `mentions[i]`, the index into `entities` of the entity it belongs to (coref stage);
    /// `None` for candidates that coreference dropped (unresolved pronouns and nominals).
    pub mention_entity: Vec<Option<usize>>,
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
    /// Names of models used, reported in `FactSet.extractor.models`.
    pub models: Vec<String>,
    done: BTreeSet<Annotation>,
}

impl<'a> Doc<'a> {
    pub fn new(article: &'a Article, options: &'a ExtractOptions) -> Self {
        Doc {
            article,
            options,
            text: &article.body,
            tokens: Vec::new(),
            sentences: Vec::new(),
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

    pub fn has(&self, a: Annotation) -> bool {
        self.done.contains(&a)
    }

    pub(crate) fn mark(&mut self, a: Annotation) {
        self.done.insert(a);
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }

    pub fn token_text(&self, i: usize) -> &'a str {
        self.slice(self.tokens[i].span)
    }
}
