//! `Engine`: the one entry point that the command line, the batch runner and the gRPC server all
//! call. It validates the article, runs the pipeline behind a panic boundary, and returns a FactSet
//! whose spans are in the caller's offset unit.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::doc::Doc;
use crate::error::{Error, Result};
use crate::model::{
    Article, ExtractOptions, ExtractorInfo, FactSet, OffsetUnit, Span, SyntaxToken,
};
use crate::offsets::OffsetMapper;
use crate::pipeline::{default_stages, Pipeline};

/// Default maximum body size: 1 MiB. Longer news does not exist; longer input is a mistake or abuse.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;

#[derive(Debug, Clone)]
pub struct EngineConfig {
    pub max_body_bytes: usize,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

pub struct Engine {
    pipeline: Pipeline,
    config: EngineConfig,
}

impl Engine {
    pub fn new(config: EngineConfig) -> Result<Self> {
        // The NER model and its gazetteer do not depend on the syntax model: build them on a
        // second thread while this one loads the syntax model (a server is SERVING sooner).
        let pipeline = std::thread::scope(|s| {
            s.spawn(crate::ner::preload);
            Pipeline::new(default_stages())
        })?;
        Ok(Engine { pipeline, config })
    }

    pub fn with_pipeline(pipeline: Pipeline, config: EngineConfig) -> Self {
        Engine { pipeline, config }
    }

    /// Runs the pipeline once on a small article so that lazily built lexicons and the model are
    /// ready before the first real request (a server reports SERVING only after this).
    pub fn warm_up(&self) -> Result<()> {
        let article = Article {
            id: "warm-up".into(),
            body:
                "LONDON, March 3 (Wire) - Prime Minister Jane Doe met the French foreign minister \
                   in Paris on Monday, her office said. She will travel to Berlin next week."
                    .into(),
            ..Default::default()
        };
        self.extract(&article, &ExtractOptions::default())
            .map(|_| ())
    }

    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    pub fn stage_names(&self) -> Vec<&'static str> {
        self.pipeline.stage_names()
    }

    /// Checks what can be checked without running the pipeline.
    pub fn validate(&self, article: &Article) -> Result<()> {
        if article.body.trim().is_empty() {
            return Err(Error::invalid(
                "article.body",
                "EMPTY_BODY",
                "article body is empty",
            ));
        }
        if article.body.len() > self.config.max_body_bytes {
            return Err(Error::ArticleTooLarge {
                size: article.body.len(),
                limit: self.config.max_body_bytes,
            });
        }
        let lang = article.language.to_ascii_lowercase();
        if !(lang.is_empty() || lang == "en" || lang.starts_with("en-") || lang.starts_with("en_"))
        {
            return Err(Error::UnsupportedLanguage(article.language.clone()));
        }
        Ok(())
    }

    pub fn extract(&self, article: &Article, options: &ExtractOptions) -> Result<FactSet> {
        self.extract_observed(article, options, &mut |_, _| {})
    }

    /// Like `extract`, reporting each stage's duration to `observe`. A panic inside the pipeline is
    /// caught here and becomes `Error::Internal` for this article only.
    pub fn extract_observed(
        &self,
        article: &Article,
        options: &ExtractOptions,
        observe: &mut dyn FnMut(&'static str, Duration),
    ) -> Result<FactSet> {
        self.validate(article)?;
        let run = catch_unwind(AssertUnwindSafe(|| -> Result<FactSet> {
            let mut doc = Doc::new(article, options);
            self.pipeline.run(&mut doc, observe)?;
            Ok(self.assemble(doc))
        }));
        let mut fs = match run {
            Ok(r) => r?,
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                return Err(Error::Internal(format!("pipeline panicked: {msg}")));
            }
        };
        convert_offsets(&mut fs, &article.body, options.offset_unit);
        Ok(fs)
    }

    fn assemble(&self, doc: Doc<'_>) -> FactSet {
        let tokens = if doc.options.include_syntax {
            syntax_tokens(&doc)
        } else {
            Vec::new()
        };
        FactSet {
            article_id: doc.article.id.clone(),
            offset_unit: OffsetUnit::Utf8,
            text_sha256: sha256_hex(doc.text),
            extractor: ExtractorInfo {
                name: "factx".into(),
                version: env!("CARGO_PKG_VERSION").into(),
                models: doc.model_names(),
            },
            sentences: doc.sentences.iter().map(|s| s.span).collect(),
            entities: doc.entities,
            facts: doc.facts,
            times: doc.times,
            tokens,
        }
    }
}

/// Every token of `doc` with its syntax (defaults where the syntax stage did not run).
fn syntax_tokens(doc: &Doc<'_>) -> Vec<SyntaxToken> {
    let mut out = Vec::with_capacity(doc.tokens.len());
    let mut sent = 0usize;
    for (i, t) in doc.tokens.iter().enumerate() {
        while sent + 1 < doc.sentences.len() && doc.sentences[sent].tokens.end <= i {
            sent += 1;
        }
        let s = &doc.syntax;
        let known = i < s.len();
        out.push(SyntaxToken {
            span: t.span,
            text: doc.slice(t.span).to_owned(),
            lemma: s.lemma(i).to_owned(),
            upos: s.upos(i),
            xpos: if known { s.xpos(i).label() } else { "" },
            head: s.head(i).map(|h| h as u32),
            relation: if known { s.rel(i).label() } else { "" },
            sentence: sent as u32,
        });
    }
    out
}

pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Rewrites every span of a byte-offset FactSet into `unit`.
fn convert_offsets(fs: &mut FactSet, body: &str, unit: OffsetUnit) {
    fs.offset_unit = unit;
    if unit == OffsetUnit::Utf8 {
        return;
    }
    let m = OffsetMapper::new(body, unit);
    let map = |s: &mut Span| *s = m.map_span(*s);
    fs.sentences.iter_mut().for_each(map);
    for e in &mut fs.entities {
        e.mentions.iter_mut().for_each(|x| map(&mut x.span));
    }
    for f in &mut fs.facts {
        map(&mut f.trigger);
        f.evidence.iter_mut().for_each(map);
        f.arguments
            .iter_mut()
            .filter_map(|a| a.span.as_mut())
            .for_each(map);
    }
    fs.times.iter_mut().for_each(|t| map(&mut t.span));
    fs.tokens.iter_mut().for_each(|t| map(&mut t.span));
}
