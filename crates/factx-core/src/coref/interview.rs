//! Interviews written as questions and answers (one paragraph per turn): the first person of an
//! answer is the interviewee, the second person of a question too. The layout is found from the
//! text alone (paragraphs ending with `?` followed by paragraphs that do not); the interviewee is
//! the person the introduction (everything before the first question) is most about, or the one
//! an answer introduces (`Jane Doe: ...`, `I'm Jane Doe.`).

use crate::doc::{Doc, MentionCandidate};
use crate::lexicon;
use crate::model::{EntityType, MentionKind, Span};

/// A question longer than this many words is prose that happens to end with `?`.
const MAX_QUESTION_WORDS: usize = 80;
/// How many question turns (each followed by an answer) make a text an interview.
const MIN_TURNS: usize = 2;

/// The turns of an interview, as byte spans of whole paragraphs.
#[derive(Debug, Default)]
pub(super) struct Layout {
    pub questions: Vec<Span>,
    pub answers: Vec<Span>,
}

impl Layout {
    /// Where the introduction ends (the first question starts).
    pub fn intro_end(&self) -> usize {
        self.questions.first().map_or(0, |q| q.start)
    }
}

/// Paragraphs of the body (`Doc::paragraphs`: their start offsets) as spans, trimmed.
fn paragraphs<'t>(text: &'t str, starts: &'t [usize]) -> impl Iterator<Item = Span> + 't {
    starts.iter().enumerate().map(move |(k, &s)| {
        let e = starts.get(k + 1).copied().unwrap_or(text.len());
        Span::new(s, s + text[s..e].trim_end().len())
    })
}

fn is_question(p: &str) -> bool {
    let t = p.trim_end_matches(|c: char| {
        c.is_whitespace() || crate::text::is_double_quote(c) || c == ')'
    });
    t.ends_with('?') && p.split_whitespace().count() <= MAX_QUESTION_WORDS
}

/// The interview layout of a body, or `None` when it does not read as questions and answers.
pub(super) fn layout(text: &str, paragraph_starts: &[usize]) -> Option<Layout> {
    let mut out = Layout::default();
    let mut after_question = false;
    let mut turns = 0;
    for p in paragraphs(text, paragraph_starts) {
        if is_question(p.slice(text)) {
            out.questions.push(p);
            after_question = true;
        } else if !out.questions.is_empty() {
            if after_question {
                turns += 1;
            }
            after_question = false;
            out.answers.push(p);
        }
    }
    (turns >= MIN_TURNS).then_some(out)
}

/// `you`, `your`...: the interviewee when said in a question.
fn is_second_person(w: &str) -> bool {
    ["you", "your", "yours", "yourself"]
        .iter()
        .any(|x| x.eq_ignore_ascii_case(w))
}

/// The pronoun part of a contraction the tokenizer keeps whole (`I'm`, `you've`, `he'll`).
fn contracted_pronoun(w: &str) -> Option<&str> {
    let k = w.find(['\'', '\u{2019}'])?;
    let rest = &w[k..];
    let suffix = rest
        .trim_start_matches(['\'', '\u{2019}'])
        .to_ascii_lowercase();
    matches!(suffix.as_str(), "m" | "ve" | "d" | "ll" | "re" | "s").then_some(&w[..k])
}

fn candidate(doc: &Doc<'_>, span: Span, source: &'static str) -> MentionCandidate {
    let sentence = doc.sentence_index_at(span.start);
    MentionCandidate {
        span,
        entity_type: EntityType::Person,
        kind: MentionKind::Pronoun,
        sentence,
        confidence: 0.6,
        source,
    }
}

/// Source of the second-person candidates added for interview questions.
pub(super) const YOU: &str = "rule:interview-you";

/// Adds the pronoun candidates the entity stage does not produce: the person pronoun of a
/// contraction (`I` of `I'm`, `he` of `he'll`) anywhere, and the second person of interview
/// questions (it keeps only first and third person). Keeps `doc.mentions` sorted and
/// `doc.titles` pointing at the same mentions.
pub(super) fn add_pronouns(doc: &mut Doc<'_>, layout: Option<&Layout>) {
    let mut extra = Vec::new();
    let mut q = layout
        .map_or(&[][..], |l| &l.questions[..])
        .iter()
        .peekable();
    for k in 0..doc.tokens.len() {
        let span = doc.tokens[k].span;
        let w = doc.token_text(k);
        while q.next_if(|q| q.end <= span.start).is_some() {}
        let in_question = q.peek().is_some_and(|q| q.start <= span.start);
        let (head, you) = match contracted_pronoun(w) {
            Some(h) => (h, is_second_person(h)),
            None => (w, is_second_person(w)),
        };
        let head_span = Span::new(span.start, span.start + head.len());
        if you {
            if in_question {
                extra.push(candidate(doc, head_span, YOU));
            }
        } else if head.len() < w.len()
            && lexicon::pronoun(head).is_some_and(|p| {
                p.number == lexicon::Number::Singular
                    && matches!(
                        p.gender,
                        lexicon::Gender::Male | lexicon::Gender::Female | lexicon::Gender::Unknown
                    )
                    && p.person != 2
            })
        {
            extra.push(candidate(doc, head_span, "rule:pronoun-contraction"));
        }
    }
    merge_candidates(doc, extra);
}

/// Merges new candidates (sorted by start) into `doc.mentions`, dropping those that overlap an
/// existing mention, and keeps `doc.titles` pointing at the same mentions.
pub(super) fn merge_candidates(doc: &mut Doc<'_>, extra: Vec<MentionCandidate>) {
    if extra.is_empty() {
        return;
    }
    let old = std::mem::take(&mut doc.mentions);
    let mut new_index = Vec::with_capacity(old.len());
    let mut merged = Vec::with_capacity(old.len() + extra.len());
    let mut extra = extra.into_iter().peekable();
    for m in old {
        while let Some(x) = extra.next_if(|x| x.span.start < m.span.start) {
            merged.push(x);
        }
        // A token already covered by a mention (a name containing `You`) stays as it is.
        while extra.next_if(|x| x.span.start < m.span.end).is_some() {}
        new_index.push(merged.len());
        merged.push(m);
    }
    merged.extend(extra);
    for t in &mut doc.titles {
        if let Some(&n) = new_index.get(t.person_mention) {
            t.person_mention = n;
        }
    }
    doc.mentions = merged;
}

/// The turn (answer paragraph) a byte offset falls in, by binary search.
pub(super) fn answer_at(layout: &Layout, at: usize) -> Option<Span> {
    let k = layout.answers.partition_point(|a| a.end <= at);
    layout.answers.get(k).copied().filter(|a| a.start <= at)
}

/// Whether a byte offset falls inside a question paragraph.
pub(super) fn in_question(layout: &Layout, at: usize) -> bool {
    let k = layout.questions.partition_point(|a| a.end <= at);
    layout.questions.get(k).is_some_and(|a| a.start <= at)
}
