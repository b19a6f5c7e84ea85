//! Typed nominals: a definite noun phrase whose head is a type word for an entity (`the terror
//! group`, `the site`, `the central African nation`, `the rebels`), and the kinds of entity each
//! head takes (`words/nominal_heads.tsv`). An entity's kind comes from its name's words (`Acme
//! Corp`, `Red Sea`, `example.org`) and from a type word written next to its name (`the X terror
//! group`, `business consultancy X`, `X, a rebel group`). The resolver gives a typed nominal to
//! the most recent entity of its kind, or leaves it unattached when two compete.

use crate::doc::{Doc, MentionCandidate};
use crate::lexicon::NominalHead;
use crate::model::{EntityType, MentionKind, Span};
use crate::syntax::{Rel, Upos};

/// Source of the candidates added here.
pub(super) const SOURCE: &str = "rule:typed-nominal";

/// Most modifiers between the determiner and the head (`the 3.5 million-square-kilometer sea`).
const MAX_MODIFIERS: usize = 5;

const HEAD_KINDS: [NominalHead; 7] = [
    NominalHead::Org,
    NominalHead::Company,
    NominalHead::Armed,
    NominalHead::Media,
    NominalHead::Website,
    NominalHead::State,
    NominalHead::Water,
];

/// Kind bits (`NominalHead::bit`) a head noun takes; 0 for no type word.
pub(super) fn head_kinds(w: &str) -> u64 {
    let w = w.to_lowercase();
    HEAD_KINDS
        .iter()
        .filter(|c| c.has(&w))
        .fold(0, |a, c| a | c.bit())
}

/// The kinds beyond a bare organization: what a head or an entity says more specifically.
pub(super) fn specific(kinds: u64) -> u64 {
    kinds & !NominalHead::Org.bit()
}

/// Kind bits a name shows by its words (`Acme Corp` a company, `Red Sea` water) or a web domain.
pub(super) fn name_kinds(name: &str) -> u64 {
    let org = NominalHead::Org.bit();
    let mut k = 0;
    for w in name.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        if NominalHead::CompanyName.has(w) {
            k |= org | NominalHead::Company.bit();
        }
        if NominalHead::ArmedName.has(w) {
            k |= org | NominalHead::Armed.bit();
        }
        if NominalHead::MediaName.has(w) {
            k |= org | NominalHead::Media.bit();
        }
        if NominalHead::WebsiteName.has(w) || is_domain(w) {
            k |= org | NominalHead::Website.bit();
        }
        if NominalHead::WaterName.has(w) {
            k |= NominalHead::Water.bit();
        }
    }
    k
}

/// `example.org`, `Scientology.org`: a word with a dot and a short lowercase ending.
fn is_domain(w: &str) -> bool {
    w.rsplit_once('.').is_some_and(|(a, tld)| {
        !a.is_empty() && (2..=4).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
    })
}

/// Type words written next to the name headed by token `h` (`the X terror group`, `the website
/// X`, `consultancy X`, `X, a rebel group`), as lowercase heads: the parse links them by
/// compound, apposition or flat.
/// Only words, spaces, quotes and commas between the name at `span` and the type word (`the
/// example.org site` gives `site` to `example.org`, not to an `example` inside it); a website
/// word after a name is the name's website (`the Acme website`), no cue.
pub(super) fn cue_heads(doc: &Doc<'_>, h: usize, span: Span) -> Vec<String> {
    let syn = &doc.syntax;
    if syn.len() <= h {
        return Vec::new();
    }
    let linked = |r: Rel| matches!(r.base(), Rel::Compound | Rel::Appos | Rel::Flat);
    let mut out = Vec::new();
    let mut take = |t: usize| {
        let ts = doc.tokens[t].span;
        let gap = if ts.start >= span.end {
            doc.text.get(span.end..ts.start)
        } else {
            doc.text.get(ts.end.min(span.start)..span.start)
        };
        let clean = gap.is_some_and(|g| {
            g.chars().all(|c| {
                c.is_alphabetic() || c.is_whitespace() || matches!(c, ',' | '"' | '“' | '”' | '-')
            })
        });
        let w = doc.token_text(t).to_lowercase();
        // `the Acme website` is Acme's website, not Acme (`the Acme group` is Acme).
        let owned = ts.start >= span.end && NominalHead::Website.has(&w);
        if clean && !owned && syn.upos(t) == Upos::Noun && head_kinds(&w) != 0 && !out.contains(&w)
        {
            out.push(w);
        }
    };
    if let Some(g) = syn.head(h) {
        if linked(syn.rel(h)) && g.abs_diff(h) <= 4 {
            take(g);
        }
    }
    for (c, r) in syn.children(h) {
        if linked(r) && c.abs_diff(h) <= 6 {
            take(c);
        }
    }
    out
}

/// Adds a nominal candidate for each definite noun phrase headed by a type word (`the group`,
/// `the disputed sea`, `these militants`) that no mention covers yet and that holds no name but
/// a nationality (`the Islamic State terror group` is named, `the Kenyan government` is typed).
/// Needs the parse. Keeps `doc.mentions` sorted and `doc.titles` pointing at the same mentions.
pub(super) fn add_typed_nominals(doc: &mut Doc<'_>) {
    let syn = &doc.syntax;
    let n = doc.tokens.len().min(syn.len());
    let mut extra = Vec::new();
    for k in 0..n {
        if !matches!(syn.upos(k), Upos::Noun) || head_kinds(doc.token_text(k)) == 0 {
            continue;
        }
        let Some(d) = syn
            .children(k)
            .find(|&(c, r)| r == Rel::Det && c < k)
            .map(|(c, _)| c)
        else {
            continue;
        };
        let det = doc.token_text(d).to_lowercase();
        if !matches!(det.as_str(), "the" | "this" | "that" | "these" | "those") {
            continue;
        }
        if k - d > MAX_MODIFIERS + 1 || (d + 1..k).any(|t| !syn.subtree(k).contains(&t)) {
            continue;
        }
        let span = Span::new(doc.tokens[d].span.start, doc.tokens[k].span.end);
        // No mention over it, and no name inside it but a nationality.
        let lo = doc.mentions.partition_point(|m| m.span.end <= span.start);
        let blocked = doc.mentions[lo..]
            .iter()
            .take_while(|m| m.span.start < span.end)
            .any(|m| {
                m.span.end > doc.tokens[k].span.start
                    || m.kind != MentionKind::Name
                    || m.entity_type != EntityType::Norp
            });
        if blocked {
            continue;
        }
        let kinds = head_kinds(doc.token_text(k));
        let entity_type = if kinds & NominalHead::State.bit() != 0 {
            EntityType::Gpe
        } else if kinds & NominalHead::Water.bit() != 0 {
            EntityType::Loc
        } else {
            EntityType::Org
        };
        let sentence = doc.sentence_index_at(span.start);
        extra.push(MentionCandidate {
            span,
            entity_type,
            kind: MentionKind::Nominal,
            sentence,
            confidence: 0.5,
            source: SOURCE,
        });
    }
    super::interview::merge_candidates(doc, extra);
}
