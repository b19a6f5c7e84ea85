//! Cue words of the segmenter (`data/words/sentence_words.tsv`) and of coreference
//! (`data/words/coref_cues.tsv`, `data/words/nominal_heads.tsv`).

use std::sync::LazyLock;

use super::classes::word_classes;
use super::hash::FxSet;

word_classes! {
    /// `words/sentence_words.tsv` (as written; the file's header explains each class).
    pub enum SentenceWord in "words/sentence_words.tsv" {
        Abbreviation = "abbreviation",
        FinalAbbreviation = "final_abbreviation",
        SentenceOpener = "sentence_opener",
    }
}

word_classes! {
    /// `words/coref_cues.tsv` (the file's header says how each class is compared).
    pub enum CorefCue in "words/coref_cues.tsv" {
        BeforeNonSubject = "before_non_subject",
        SubjectSlot = "subject_slot",
        ObjectBoundary = "object_boundary",
        AfterObject = "after_object",
        CreditLabel = "credit_label",
        AfterHead = "after_head",
        VagueHead = "vague_head",
        EndsDescription = "ends_description",
        Dangling = "dangling",
        AfterExistential = "after_existential",
        ExistentialInversion = "existential_inversion",
        FemaleNoun = "female_noun",
        MaleNoun = "male_noun",
        PersonNoun = "person_noun",
    }
}

word_classes! {
    /// `words/nominal_heads.tsv`: head nouns of typed nominals (lowercase) and the kinds they
    /// take; name words (as written) that show a name's kind.
    pub enum NominalHead in "words/nominal_heads.tsv" {
        Org = "org",
        Company = "company",
        Armed = "armed",
        Media = "media",
        Website = "website",
        State = "state",
        Water = "water",
        Plural = "plural",
        CompanyName = "company_name",
        ArmedName = "armed_name",
        MediaName = "media_name",
        WebsiteName = "website_name",
        WaterName = "water_name",
    }
}

/// Capitalized month and weekday abbreviations (`Jan`, `Tues`), which keep their period.
static CALENDAR_ABBREVIATIONS: LazyLock<FxSet<String>> = LazyLock::new(|| {
    let mut s = FxSet::default();
    for c in super::time::calendar_names() {
        for a in &c.abbreviations {
            let mut chars = a.chars();
            if let Some(f) = chars.next() {
                s.insert(f.to_uppercase().chain(chars).collect());
            }
        }
    }
    s
});

/// An abbreviation that keeps its period, as written before it (`Gen`, `Calif`, `Sept`).
pub fn is_abbreviation(w: &str) -> bool {
    SentenceWord::Abbreviation.has(w) || CALENDAR_ABBREVIATIONS.contains(w)
}

/// Builds the derived tables of this module (the loader's test).
#[cfg(test)]
pub(super) fn force() {
    LazyLock::force(&CALENDAR_ABBREVIATIONS);
}
