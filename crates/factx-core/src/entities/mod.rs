//! The entities stage: mention candidates. Names come from the lexicons and capitalization rules
//! (`scan`), and from a statistical tagger when one is plugged in (`NameTagger`); titles before
//! person names go to `doc.titles` (`Annotation::Titles`, read by coreference); nominal mentions (`the foreign secretary`) and
//! third-person pronouns are emitted for coreference to resolve or drop.
//!
//! Spans follow the CoNLL convention: no leading determiner, no possessive `'s`.

mod ner_tagger;
mod org_context;
mod place_orgs;
mod scan;
mod select;
mod split_names;
mod storm_names;
mod terms;

use std::sync::Arc;

use crate::doc::{Annotation, Doc};
use crate::error::Result;
use crate::model::EntityType;
use crate::ner::parse::{self, ParsedWord};
use crate::stage::Stage;

pub use ner_tagger::{EmbeddedNer, ModelNer};
pub use scan::{generic_head_type, Cand};

/// A name found by a statistical tagger in one sentence: tokens `[start_token, end_token)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaggedName {
    pub start_token: usize,
    pub end_token: usize,
    pub entity_type: EntityType,
    pub confidence: f32,
}

/// The seam for a statistical NER model: tokens of one sentence in, typed spans out.
pub trait NameTagger: Send + Sync {
    /// Model name reported in `FactSet.extractor.models`.
    fn model_name(&self) -> &str;
    fn tag(&self, tokens: &[&str]) -> Vec<TaggedName>;
    /// Every sentence of a document, with each sentence's parse when the document has one
    /// (`None`: a tagger that reads syntax parses them itself); a tagger with document-level
    /// evidence overrides this.
    fn tag_doc(
        &self,
        sentences: &[Vec<&str>],
        _parses: Option<&[Vec<ParsedWord>]>,
    ) -> Vec<Vec<TaggedName>> {
        sentences.iter().map(|s| self.tag(s)).collect()
    }
}

#[derive(Default)]
pub struct EntityStage {
    tagger: Option<Arc<dyn NameTagger>>,
}

impl EntityStage {
    /// Rules and lexicons only.
    pub fn new() -> Self {
        EntityStage { tagger: None }
    }

    /// Rules and lexicons plus a statistical tagger; lexicon and title rules win conflicts.
    pub fn with_tagger(tagger: Arc<dyn NameTagger>) -> Self {
        EntityStage {
            tagger: Some(tagger),
        }
    }
}

impl Stage for EntityStage {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn requires(&self) -> &'static [Annotation] {
        // The statistical tagger reads the parse (`ner::parse`); the rules do not.
        if self.tagger.is_some() {
            &[
                Annotation::Tokens,
                Annotation::Sentences,
                Annotation::Syntax,
                Annotation::Dateline,
            ]
        } else {
            &[
                Annotation::Tokens,
                Annotation::Sentences,
                Annotation::Dateline,
            ]
        }
    }
    fn provides(&self) -> &'static [Annotation] {
        &[Annotation::Mentions, Annotation::Titles]
    }
    fn run(&self, doc: &mut Doc<'_>) -> Result<()> {
        let mut cands = scan::scan_doc(doc, self.tagger.is_some());
        if let Some(t) = &self.tagger {
            doc.use_model(Annotation::Mentions, t.model_name());
            // Title words (`Army Chief`, `Chief of Army Staff`) are never names themselves.
            let mut in_title = vec![false; doc.tokens.len()];
            for c in &cands {
                for &(a, b, _) in &c.titles {
                    in_title[a..b].iter_mut().for_each(|x| *x = true);
                }
            }
            let sents: Vec<Vec<&str>> = doc
                .sentences
                .iter()
                .map(|s| s.tokens.clone().map(|i| doc.token_text(i)).collect())
                .collect();
            // The syntax stage's parse (the tagger's syntax features read it); a document
            // without one is tagged without syntax, never parsed again here.
            let parsed = doc.syntax.len() == doc.tokens.len();
            let parses: Vec<Vec<ParsedWord>> = doc
                .sentences
                .iter()
                .map(|s| {
                    let mut words = Vec::new();
                    if parsed {
                        parse::from_syntax(&doc.syntax, s.tokens.clone(), &mut words);
                    }
                    words
                })
                .collect();
            let tagged = t.tag_doc(&sents, Some(&parses));
            for ((si, s), names) in doc.sentences.iter().enumerate().zip(tagged) {
                for n in names {
                    let (a, b) = (s.tokens.start + n.start_token, s.tokens.start + n.end_token);
                    if a >= b || b > s.tokens.end || in_title[a..b].iter().any(|&x| x) {
                        continue;
                    }
                    if let Some((a, b, ty)) =
                        scan::clean_tagged(doc.text, &doc.tokens, a, b, n.entity_type)
                    {
                        cands.push(Cand::tagged(a, b, ty, n.confidence, si as u32));
                    }
                }
            }
        }
        if self.tagger.is_some() {
            split_names::split_org_then_person(doc, &mut cands);
            split_names::split_person_then_org(doc, &mut cands);
            split_names::split_coordinated_orgs(doc, &mut cands);
            place_orgs::extend_over_places(doc, &mut cands);
            storm_names::type_storm_names(doc, &mut cands);
            org_context::retype_organizations(doc, &mut cands);
            select::drop_unsupported_acronyms(doc, &mut cands);
            select::prefer_longer_tagged(doc, &mut cands);
        }
        terms::drop_terms(doc, &mut cands);
        select::select(doc, cands);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
