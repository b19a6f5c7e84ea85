//! `Stage`: one step of the pipeline over a `Doc`, with the annotations it reads and the ones it
//! adds or changes. The declarations are the stage's whole contract: `Pipeline::new` refuses an
//! order in which a stage would read what no earlier stage wrote, and the contract tests
//! (`stage/tests.rs`) run every default stage with only its declared inputs present and check
//! that its output does not change, that it writes nothing undeclared, and that the table in
//! `lib.rs` says the same.

use crate::doc::{Annotation, Doc};
use crate::error::Result;

pub trait Stage: Send + Sync {
    fn name(&self) -> &'static str;
    /// Every annotation the stage reads (the article itself is always there).
    fn requires(&self) -> &'static [Annotation];
    /// Every annotation the stage adds or changes.
    fn provides(&self) -> &'static [Annotation];
    fn run(&self, doc: &mut Doc<'_>) -> Result<()>;
}

#[cfg(test)]
mod tests;
