//! Test scaffolding: builds a `Doc` by hand (a simple tokenizer, sentence splitter and entity
//! mentions found by their surfaces) so that the fact stages can be tested on invented sentences
//! independently of the segmentation, NER and coreference stages.

use crate::doc::{Dateline, Doc, Sentence, Token, TokenKind};
use crate::model::{
    ArgValue, Article, Entity, EntityType, ExtractOptions, Fact, Mention, MentionKind, Modality,
    Polarity, Span, TimeExpression, TimeType,
};
use crate::stage::Stage;

pub fn article(body: &str) -> Article {
    Article {
        id: "test".into(),
        body: body.into(),
        language: "en".into(),
        ..Default::default()
    }
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i;
            while j < chars.len()
                && (chars[j].1.is_alphanumeric()
                    || (matches!(chars[j].1, '-' | '.')
                        && j + 1 < chars.len()
                        && chars[j + 1].1.is_alphanumeric()))
            {
                j += 1;
            }
            let e = chars.get(j).map_or(text.len(), |x| x.0);
            let kind = if c.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            out.push(Token {
                span: Span::new(b, e),
                kind,
            });
            i = j;
            continue;
        }
        if matches!(c, '\'' | '’') && chars.get(i + 1).is_some_and(|x| x.1 == 's') {
            let e = chars.get(i + 2).map_or(text.len(), |x| x.0);
            out.push(Token {
                span: Span::new(b, e),
                kind: TokenKind::Word,
            });
            i += 2;
            continue;
        }
        let e = chars.get(i + 1).map_or(text.len(), |x| x.0);
        out.push(Token {
            span: Span::new(b, e),
            kind: TokenKind::Punct,
        });
        i += 1;
    }
    out
}

fn sentences(text: &str, toks: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..toks.len() {
        let t = &text[toks[i].span.start..toks[i].span.end];
        let newline_after = toks
            .get(i + 1)
            .is_some_and(|n| text[toks[i].span.end..n.span.start].contains('\n'));
        // `U.S.`: a period after an abbreviation with inner dots ends no sentence.
        let abbrev =
            t == "." && i > 0 && text[toks[i - 1].span.start..toks[i - 1].span.end].contains('.');
        if (matches!(t, "." | "!" | "?") && !abbrev) || newline_after || i + 1 == toks.len() {
            out.push(Sentence {
                span: Span::new(toks[start].span.start, toks[i].span.end),
                tokens: start..i + 1,
            });
            start = i + 1;
        }
    }
    out
}

fn occurrences(text: &str, needle: &str) -> Vec<usize> {
    let bound = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(needle)
        .map(|(i, _)| i)
        .filter(|&i| {
            bound(text[..i].chars().last()) && bound(text[i + needle.len()..].chars().next())
        })
        .collect()
}

/// One entity of a test document: its type and the surfaces of its mentions. A surface
/// `He@1` names only the second occurrence of `He`.
pub struct E(pub EntityType, pub &'static [&'static str]);

pub fn build<'a>(
    article: &'a Article,
    opts: &'a ExtractOptions,
    entities: &[E],
    times: &[(&str, &str)],
    dateline: Option<&str>,
) -> Doc<'a> {
    let mut doc = Doc::new(article, opts);
    let text = doc.text;
    doc.tokens = tokenize(text);
    doc.sentences = sentences(text, &doc.tokens);
    // Every line is a paragraph, as in a body that is not hard-wrapped.
    doc.paragraphs = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter_map(|at| doc.tokens.iter().find(|t| t.span.start >= at))
        .map(|t| t.span.start)
        .collect();
    doc.paragraphs.dedup();
    let sent_of = |b: usize, doc: &Doc| {
        doc.sentences
            .iter()
            .position(|s| s.span.start <= b && b < s.span.end.max(s.span.start + 1))
            .unwrap_or(0) as u32
    };
    // Longest surfaces claim their text first; shorter ones inside them are skipped.
    let mut all: Vec<(usize, &str, Option<usize>)> = Vec::new();
    for (ei, E(_, surfaces)) in entities.iter().enumerate() {
        for s in *surfaces {
            let (s, nth) = match s.split_once('@') {
                Some((a, n)) => (a, n.parse().ok()),
                None => (*s, None),
            };
            all.push((ei, s, nth));
        }
    }
    all.sort_by_key(|x| std::cmp::Reverse(x.1.len()));
    let mut claimed: Vec<(Span, usize)> = Vec::new();
    let mut ents: Vec<Entity> = entities
        .iter()
        .enumerate()
        .map(|(i, E(t, surfaces))| Entity {
            id: format!("x{i}"),
            entity_type: *t,
            canonical_name: surfaces[0].split('@').next().unwrap().to_string(),
            mentions: vec![],
            salience: 0.5,
            external_ids: Default::default(),
        })
        .collect();
    for (ei, s, nth) in all {
        for (k, b) in occurrences(text, s).into_iter().enumerate() {
            if nth.is_some_and(|n| n != k) {
                continue;
            }
            let span = Span::new(b, b + s.len());
            // A shorter surface inside a longer one of another entity is a nested mention
            // (`Peru` in `Peru's ambassador`), as the entity stage produces; any other overlap
            // loses to the longer surface.
            let blocked = claimed
                .iter()
                .any(|(c, owner)| c.overlaps(&span) && !(*owner != ei && c.contains(&span)));
            if blocked {
                continue;
            }
            claimed.push((span, ei));
            let lower = s.to_lowercase();
            let kind = if crate::lexicon::facts::is_pronoun(&lower) {
                MentionKind::Pronoun
            } else if s.starts_with(|c: char| c.is_lowercase())
                || lower.starts_with("the ")
                || s.split(' ')
                    .skip(1)
                    .any(|w| w.starts_with(|c: char| c.is_lowercase()))
            {
                MentionKind::Nominal
            } else {
                MentionKind::Name
            };
            let sentence = sent_of(b, &doc);
            ents[ei].mentions.push(Mention {
                span,
                text: s.into(),
                kind,
                sentence,
            });
        }
    }
    for e in &mut ents {
        e.mentions.sort_by_key(|m| m.span.start);
    }
    doc.entities = ents;
    for (i, (s, value)) in times.iter().enumerate() {
        if let Some(&b) = occurrences(text, s).first() {
            doc.times.push(TimeExpression {
                id: format!("tm{i}"),
                span: Span::new(b, b + s.len()),
                text: s.to_string(),
                value: value.to_string(),
                time_type: TimeType::Date,
            });
        }
    }
    if let Some(p) = dateline {
        if let Some(&b) = occurrences(text, p).first() {
            let after = b + p.len();
            let end = text[after..]
                .find([':', '-', '\u{2014}'])
                .map_or(after, |k| after + k + 1);
            doc.dateline = Some(Dateline {
                place: Span::new(b, b + p.len()),
                end,
            });
        }
    }
    doc
}

/// Runs the fact stages and assembly on a hand-built doc, parsed first as the pipeline does
/// (the events of the registry are read over the parse).
pub fn run(doc: &mut Doc<'_>) {
    crate::syntax::SyntaxStage::embedded().run(doc).unwrap();
    crate::facts::RolesStage.run(doc).unwrap();
    crate::facts::EventsStage.run(doc).unwrap();
    crate::assembly::AssemblyStage.run(doc).unwrap();
}

/// A readable one-line summary of a fact: `MEETING participant=A participant=B [NEG]`.
pub fn summary(doc: &Doc<'_>, f: &Fact) -> String {
    let name = |id: &str| {
        doc.entities
            .iter()
            .find(|e| e.id == id)
            .map_or("?".to_string(), |e| e.canonical_name.clone())
    };
    let mut s = f.fact_type.name().to_string();
    for a in &f.arguments {
        let v = match &a.value {
            ArgValue::Entity(id) => name(id),
            ArgValue::Text(t) if a.role == "content" => continue,
            ArgValue::Text(t) => t.clone(),
            ArgValue::Time(id) => doc
                .times
                .iter()
                .find(|t| &t.id == id)
                .map_or("?".into(), |t| t.value.clone()),
        };
        s.push_str(&format!(" {}={}", a.role, v));
    }
    if f.polarity == Polarity::Negative {
        s.push_str(" [NEG]");
    }
    if f.modality != Modality::Asserted {
        s.push_str(&format!(" [{:?}]", f.modality));
    }
    s
}

pub fn summaries(doc: &Doc<'_>) -> Vec<String> {
    doc.facts.iter().map(|f| summary(doc, f)).collect()
}

/// (trigger, speaker's canonical name) of every statement of `body`, through the whole
/// pipeline (segmentation, NER, coreference and the speaker stages included).
pub fn pipeline_speakers(body: &str) -> Vec<(String, String)> {
    let article = Article {
        body: body.into(),
        ..Default::default()
    };
    let opts = ExtractOptions::default();
    let p = crate::pipeline::Pipeline::new(crate::pipeline::default_stages()).unwrap();
    let mut doc = Doc::new(&article, &opts);
    p.run(&mut doc, &mut |_, _| {}).unwrap();
    doc.facts
        .iter()
        .filter(|f| f.fact_type == crate::model::FactType::Statement)
        .filter_map(|f| {
            let id = f.arguments.iter().find_map(|a| match &a.value {
                ArgValue::Entity(id) if a.role == "speaker" => Some(id),
                _ => None,
            })?;
            let e = doc.entities.iter().find(|e| &e.id == id)?;
            let t = &body[f.trigger.start..f.trigger.end];
            Some((t.to_string(), e.canonical_name.clone()))
        })
        .collect()
}
