//! A pipeline is an ordered list of stages. Its order is checked once, when it is built: a stage
//! whose requirements no earlier stage provides is a start-up error, not a surprise on the first
//! article.

use crate::doc::{Annotation, Doc};
use crate::error::{Error, Result};
use crate::stage::Stage;

pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Result<Self> {
        let mut have: Vec<Annotation> = Vec::new();
        for s in &stages {
            for r in s.requires() {
                if !have.contains(r) {
                    return Err(Error::Internal(format!(
                        "pipeline order: stage {} requires {:?}, which no earlier stage provides",
                        s.name(),
                        r
                    )));
                }
            }
            have.extend_from_slice(s.provides());
        }
        Ok(Pipeline { stages })
    }

    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage; `observe` is told each stage's name and duration (metrics hook).
    pub fn run(
        &self,
        doc: &mut Doc<'_>,
        observe: &mut dyn FnMut(&'static str, std::time::Duration),
    ) -> Result<()> {
        self.run_range(doc, 0..self.stages.len(), observe)
    }

    /// Runs only the stages at positions `range` (clamped to the pipeline), e.g. to time one
    /// stage alone after preparing its input with the stages before it (benches).
    pub fn run_range(
        &self,
        doc: &mut Doc<'_>,
        range: std::ops::Range<usize>,
        observe: &mut dyn FnMut(&'static str, std::time::Duration),
    ) -> Result<()> {
        let end = range.end.min(self.stages.len());
        let start = range.start.min(end);
        for s in &self.stages[start..end] {
            let t = std::time::Instant::now();
            s.run(doc)?;
            for a in s.provides() {
                doc.mark(*a);
            }
            observe(s.name(), t.elapsed());
        }
        Ok(())
    }
}

/// Whether the embedded NER model loads (checked once: it parses the whole model).
static NER_OK: std::sync::LazyLock<bool> = std::sync::LazyLock::new(crate::ner::embedded_is_valid);

/// The stages of the default English news pipeline, in order.
pub fn default_stages() -> Vec<Box<dyn Stage>> {
    vec![
        Box::new(crate::segment::SegmentStage),
        Box::new(crate::syntax::SyntaxStage::embedded()),
        Box::new(crate::dateline::DatelineStage),
        Box::new(crate::time::TimeStage),
        Box::new(crate::quantity::QuantityStage),
        Box::new(if *NER_OK {
            crate::entities::EntityStage::with_tagger(std::sync::Arc::new(
                crate::entities::EmbeddedNer,
            ))
        } else {
            crate::entities::EntityStage::new()
        }),
        Box::new(crate::coref::CorefStage),
        Box::new(crate::facts::RolesStage),
        Box::new(crate::facts::EventsStage),
        Box::new(crate::assembly::AssemblyStage),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Needs;
    impl Stage for Needs {
        fn name(&self) -> &'static str {
            "needs"
        }
        fn requires(&self) -> &'static [Annotation] {
            &[Annotation::Tokens]
        }
        fn provides(&self) -> &'static [Annotation] {
            &[Annotation::Facts]
        }
        fn run(&self, _: &mut Doc<'_>) -> Result<()> {
            Ok(())
        }
    }

    #[test]
    fn wrong_order_fails_at_build() {
        let err = Pipeline::new(vec![Box::new(Needs)]).err().unwrap();
        assert!(err.to_string().contains("requires Tokens"));
    }

    #[test]
    fn default_pipeline_builds() {
        Pipeline::new(default_stages()).unwrap();
    }
}
