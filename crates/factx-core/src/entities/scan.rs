//! Rule-based mention candidates, one left-to-right pass per sentence with bounded lookahead and
//! lookback: titles (+ the name they precede), lexicon names, capitalized runs, nominal mentions
//! and pronouns.

use std::collections::HashMap;

use crate::doc::{Doc, Token, TokenKind};
use crate::lexicon::speech::is_speaker_cue;
use crate::lexicon::{
    self, names, not_a_name, opens_nominal, NameKind, NameWord, TitleKind, TitleWord,
};
use crate::model::{EntityType, MentionKind};
use crate::text::{is_all_caps, is_capitalized, is_double_quote};

/// Longest title phrase in tokens (`chairman of the joint chiefs of staff`).
const MAX_TITLE: usize = 7;
/// Longest capitalized run considered as one chunk.
const MAX_CHUNK: usize = 12;
/// Longest person name after a title.
const MAX_PERSON: usize = 6;
/// How far left a nominal's modifiers may reach for their determiner.
const MAX_MODIFIERS: usize = 6;

/// A mention candidate over tokens `[start, end)`.
#[derive(Debug, Clone)]
pub struct Cand {
    pub start: usize,
    pub end: usize,
    pub etype: EntityType,
    pub kind: MentionKind,
    pub conf: f32,
    pub source: &'static str,
    /// Higher wins overlaps: dateline 5, lexicon 4, strong rules 3 (title+name, given name,
    /// organization shape, known name part), tagger 2, weak rules 1 (capitalized run, acronym).
    pub prio: u8,
    /// May lie inside another accepted mention (`US` inside `US embassy`).
    pub nested: bool,
    /// Title token ranges before a PERSON name.
    pub titles: Vec<(usize, usize, TitleKind)>,
    /// A lone capitalized word of unknown type, kept only if the second pass can type it.
    pub unresolved: bool,
    pub sentence: u32,
}

impl Cand {
    fn new(start: usize, end: usize, etype: EntityType, kind: MentionKind, sentence: u32) -> Self {
        Cand {
            start,
            end,
            etype,
            kind,
            conf: 0.5,
            source: "rule",
            prio: 1,
            nested: false,
            titles: Vec::new(),
            unresolved: false,
            sentence,
        }
    }

    fn with(mut self, conf: f32, source: &'static str, prio: u8) -> Self {
        self.conf = conf;
        self.source = source;
        self.prio = prio;
        self
    }

    pub fn tagged(start: usize, end: usize, etype: EntityType, conf: f32, sentence: u32) -> Self {
        Cand::new(start, end, etype, MentionKind::Name, sentence).with(conf, "ner", 2)
    }
}

struct Scanner<'t> {
    text: &'t str,
    tokens: &'t [Token],
    out: Vec<Cand>,
    sentence: u32,
    /// Title-case or all-caps line (headline): only lexicon, title and given-name evidence.
    headline: bool,
    /// A statistical tagger runs too: leave untyped capitalized runs to it.
    has_tagger: bool,
}

struct TitleChain {
    end: usize,
    titles: Vec<(usize, usize, TitleKind)>,
}

/// Candidates of the whole document, including the dateline place; lone capitalized words are
/// typed by a second pass over the names found elsewhere in the document.
pub fn scan_doc(doc: &Doc<'_>, has_tagger: bool) -> Vec<Cand> {
    let mut sc = Scanner {
        has_tagger,
        text: doc.text,
        tokens: &doc.tokens,
        out: Vec::new(),
        sentence: 0,
        headline: false,
    };
    for (si, s) in doc.sentences.iter().enumerate() {
        sc.sentence = si as u32;
        sc.scan_sentence(s.tokens.start, s.tokens.end);
    }
    if let Some(d) = &doc.dateline {
        let a = doc.tokens.partition_point(|t| t.span.start < d.place.start);
        let b = doc.tokens.partition_point(|t| t.span.end <= d.place.end);
        if a < b {
            let si = doc
                .sentences
                .partition_point(|s| s.tokens.end <= a)
                .min(doc.sentences.len().saturating_sub(1));
            let mut c = Cand::new(a, b, EntityType::Gpe, MentionKind::Name, si as u32).with(
                0.95,
                "rule:dateline",
                5,
            );
            if let Some(e) = names().get(d.place.slice(doc.text)) {
                c.etype = e.entity_type;
            }
            sc.out.push(c);
        }
    }
    resolve_singles(&mut sc);
    sc.out
}

/// Types lone capitalized words: a word of a PERSON name found elsewhere (`Doe` after `Jane
/// Doe`) is that person; a word before a verb of saying is a person unless it is a company's
/// legal form (`Smith & Co said`: a company cut short, not a person); the rest is dropped.
fn resolve_singles(sc: &mut Scanner<'_>) {
    let mut parts: HashMap<&str, EntityType> = HashMap::new();
    for c in &sc.out {
        if c.unresolved || c.kind != MentionKind::Name || c.end - c.start < 2 {
            continue;
        }
        if c.etype == EntityType::Person {
            for i in c.start..c.end {
                let t = sc.tok(i);
                if is_capitalized(t) && t.chars().count() > 1 {
                    parts.insert(t, EntityType::Person);
                }
            }
        }
    }
    // `Acme` after `Acme Corp.`: the first word of an organization name stands for it.
    for c in &sc.out {
        if c.unresolved || c.kind != MentionKind::Name || c.end - c.start < 2 {
            continue;
        }
        let t = sc.tok(c.start);
        if c.etype == EntityType::Org
            && NameWord::OrgSuffix.has(sc.tok(c.end - 1))
            && !NameWord::OrgHead.has(t)
            && !lexicon::is_common_word(&t.to_lowercase())
        {
            parts.entry(t).or_insert(EntityType::Org);
        }
    }
    let text = sc.text;
    let tokens = sc.tokens;
    sc.out.retain_mut(|c| {
        if !c.unresolved {
            return true;
        }
        let t = tokens[c.start].span.slice(text);
        if let Some(&ty) = parts.get(t) {
            c.etype = ty;
            c.conf = 0.8;
            c.source = "rule:name-part";
            c.prio = 3;
        } else if lexicon::given_name_gender(t).is_some()
            && !lexicon::is_common_word(&t.to_lowercase())
        {
            c.etype = EntityType::Person;
            c.conf = 0.6;
            c.source = "rule:given-name";
            c.prio = 3;
        } else if !NameWord::LegalForm.has(t)
            && tokens
                .get(c.end)
                .is_some_and(|n| is_speaker_cue(n.span.slice(text)))
        {
            c.etype = EntityType::Person;
            c.conf = 0.5;
            c.source = "rule:speaker";
        } else {
            return false;
        }
        c.unresolved = false;
        true
    });
}

impl<'t> Scanner<'t> {
    fn tok(&self, i: usize) -> &'t str {
        self.tokens[i].span.slice(self.text)
    }

    fn phrase(&self, a: usize, b: usize) -> &'t str {
        &self.text[self.tokens[a].span.start..self.tokens[b - 1].span.end]
    }

    fn is_word(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Word
    }

    /// A capitalized word that may be part of a name.
    fn is_cap(&self, i: usize) -> bool {
        let t = self.tok(i);
        self.is_word(i)
            && is_capitalized(t)
            && !t.starts_with('\'')
            && !t.starts_with('\u{2019}')
            && lexicon::pronoun(t).is_none()
    }

    /// End of the written word starting at token `k`: past any hyphen and word written onto it
    /// without spaces (`Jong-un`, tokenized `Jong` `-` `un` as UD English does).
    fn word_end(&self, k: usize, e: usize) -> usize {
        let mut j = k + 1;
        while j + 1 < e
            && matches!(self.tok(j), "-" | "\u{2010}" | "\u{2011}")
            && self.tokens[j - 1].span.end == self.tokens[j].span.start
            && self.tokens[j].span.end == self.tokens[j + 1].span.start
            && self.tokens[j + 1].kind != TokenKind::Punct
        {
            j += 2;
        }
        j
    }

    /// The word is an everyday lowercase word when not capitalized (`Science`, `World`).
    fn common(&self, k: usize) -> bool {
        lexicon::is_common_word(&self.tok(k).to_lowercase())
    }

    fn push(&mut self, c: Cand) {
        self.out.push(c);
    }

    fn scan_sentence(&mut self, s: usize, e: usize) {
        let words: Vec<usize> = (s..e).filter(|&i| self.is_word(i)).collect();
        let caps = words
            .iter()
            .filter(|&&i| is_capitalized(self.tok(i)))
            .count();
        let all_caps = words.iter().filter(|&&i| is_all_caps(self.tok(i))).count();
        self.headline =
            words.len() >= 4 && (caps * 10 >= words.len() * 7 || all_caps * 2 > words.len());

        let mut i = s;
        let mut at_start = true;
        while i < e {
            let t = self.tok(i);
            if !self.is_word(i) {
                // After an opening quote, a colon or a dash, capitals are sentence-initial again.
                at_start = at_start
                    || matches!(t, ":" | "(" | "[" | "-" | "--" | "\u{2014}" | "\u{2013}")
                    || (is_double_quote(t.chars().next().unwrap_or(' ')) && t != "\u{201D}");
                i += 1;
                continue;
            }
            let start_here = at_start;
            at_start = false;
            if let Some(p) = lexicon::pronoun(t) {
                // First person singular is kept for quotes (`"I agree," she said`).
                if p.person == 3 || (p.person == 1 && p.number == lexicon::Number::Singular) {
                    let ty = if p.gender == lexicon::Gender::Neuter {
                        EntityType::Org
                    } else {
                        EntityType::Person
                    };
                    let c = Cand::new(i, i + 1, ty, MentionKind::Pronoun, self.sentence).with(
                        0.6,
                        "rule:pronoun",
                        1,
                    );
                    self.push(c);
                }
                i += 1;
                continue;
            }
            if let Some(ty) = self.generic_nominal(i, s, e) {
                let c = Cand::new(i, i + 1, ty, MentionKind::Nominal, self.sentence).with(
                    0.6,
                    "rule:generic-nominal",
                    1,
                );
                self.push(c);
                i += 1;
                continue;
            }
            if let Some(chain) = self.title_chain(i, e) {
                if chain.end < e && self.starts_name(chain.end) {
                    let end = self.person_name_end(chain.end, e);
                    let mut c = Cand::new(
                        chain.end,
                        end,
                        EntityType::Person,
                        MentionKind::Name,
                        self.sentence,
                    )
                    .with(0.9, "rule:title+name", 3);
                    c.titles = chain.titles;
                    self.push(c);
                    i = end;
                    continue;
                }
                // A capitalized run that merely starts with a title word (`General Assembly`)
                // is left to the name rules; an office not followed by a name is a nominal.
                if self.lexicon_match(i, e).is_none_or(|(q, _)| q <= chain.end) {
                    let end = chain.end;
                    self.nominal(i, chain, s, e);
                    i = end;
                    continue;
                }
            }
            if self.is_cap(i) {
                let lower = t.to_lowercase();
                let skip_initial = start_here
                    && lexicon::is_common_word(&lower)
                    && names().get(t).is_none()
                    && lexicon::given_name_gender(t).is_none();
                if skip_initial || not_a_name(t) {
                    i += 1;
                    continue;
                }
                let end = self.chunk_end(i, e);
                self.classify_chunk(i, end, s, e);
                i = end;
                continue;
            }
            i += 1;
        }
    }

    /// Longest title starting at `i`.
    fn title_at(&self, i: usize, e: usize) -> Option<(usize, lexicon::TitleInfo)> {
        if !self.is_word(i) {
            return None;
        }
        let t = self.tok(i);
        // Tried at every token: the title-prefix test first, and allocation-free.
        let may_start = lexicon::may_start_title(t);
        if !may_start && !is_prefix_word(t) {
            return None;
        }
        let max = (e - i).min(MAX_TITLE);
        let direct = may_start
            .then(|| {
                (1..=max).rev().find_map(|n| {
                    let p = self.phrase(i, i + n);
                    lexicon::title(p).map(|t| (i + n, t))
                })
            })
            .flatten();
        // `Deputy President`, `acting ambassador`: a modifier that is part of the office.
        let prefixed = (i + 1 < e && TitleWord::Prefix.has(&self.tok(i).to_lowercase()))
            .then(|| self.title_at(i + 1, e))
            .flatten()
            .filter(|(_, t)| t.kind == TitleKind::Office);
        let best = match (direct, prefixed) {
            (Some(d), Some(p)) => Some(if p.0 > d.0 { p } else { d }),
            (d, p) => d.or(p),
        };
        best.map(|(q, t)| (self.office_complement(q, e, t), t))
    }

    /// `Minister of Education`, `Secretary for Health and Social Care`: an office extended by a
    /// capitalized `of`/`for` complement that names no place or organization of the lexicon.
    fn office_complement(&self, q: usize, e: usize, t: lexicon::TitleInfo) -> usize {
        if t.kind != TitleKind::Office || q + 1 >= e || !matches!(self.tok(q), "of" | "for") {
            return q;
        }
        let mut r = q + 1;
        while r < e && r - q <= 5 {
            let w = self.tok(r);
            let word = self.is_cap(r) && names().get(w).is_none() && !not_a_name(w);
            let joint = matches!(w, "and" | "the") && r + 1 < e && self.is_cap(r + 1);
            if word || joint {
                r += 1;
            } else {
                break;
            }
        }
        let last_cap = (q + 1..r).rev().find(|&k| self.is_cap(k));
        match last_cap {
            // Stop before a person's name: `Minister of Education Jane Doe` keeps `Jane Doe`.
            Some(k) => {
                let mut end = k + 1;
                while end > q + 2
                    && lexicon::given_name_gender(self.tok(end - 2)).is_some()
                    && self.is_cap(end - 1)
                {
                    end -= 2;
                }
                if end > q + 1 {
                    end
                } else {
                    q
                }
            }
            None => q,
        }
    }

    /// Titles in a row, possibly coordinated: `Deputy Prime Minister and Foreign Minister`,
    /// `Army Chief General`.
    fn title_chain(&self, i: usize, e: usize) -> Option<TitleChain> {
        let (mut end, info) = self.title_at(i, e)?;
        let mut titles = vec![(i, end, info.kind)];
        loop {
            if let Some((q, t)) = (end < e).then(|| self.title_at(end, e)).flatten() {
                titles.push((end, q, t.kind));
                end = q;
            } else if end + 1 < e && self.tok(end) == "and" && is_capitalized(self.tok(i)) {
                match self.title_at(end + 1, e) {
                    Some((q, t)) if is_capitalized(self.tok(end + 1)) => {
                        titles.push((end + 1, q, t.kind));
                        end = q;
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        Some(TitleChain { end, titles })
    }

    /// A capitalized word that can open a person's name (not a place, organization or title).
    fn starts_name(&self, j: usize) -> bool {
        let t = self.tok(j);
        if !self.is_cap(j)
            || not_a_name(t)
            || NameWord::OrgSuffix.has(t)
            || is_all_caps(t) && t.len() > 1 && !t.ends_with('.')
        {
            return false;
        }
        match names().get(t) {
            Some(n) => n.kind == NameKind::City && lexicon::given_name_gender(t).is_some(),
            None => true,
        }
    }

    /// End of a person name starting at `j`: capitalized words, initials, inner particles.
    fn person_name_end(&self, j: usize, e: usize) -> usize {
        let mut k = self.word_end(j, e);
        while k < e && k - j < MAX_PERSON {
            let t = self.tok(k);
            if self.is_cap(k) && !not_a_name(t) && self.title_at(k, e).is_none() {
                k = self.word_end(k, e);
            } else if NameWord::Particle.has(t) && k + 1 < e && self.is_cap(k + 1) {
                k += 2;
            } else {
                break;
            }
        }
        k.min(e)
    }

    /// A capitalized run from `i`, with inner connectors (`of`, `and`, particles) when followed by
    /// another capitalized word.
    fn chunk_end(&self, i: usize, e: usize) -> usize {
        let mut k = self.word_end(i, e);
        while k < e && k - i < MAX_CHUNK {
            let t = self.tok(k);
            if self.is_cap(k) && !not_a_name(t) {
                k = self.word_end(k, e);
            } else if (NameWord::OrgConnector.has(t) || NameWord::Particle.has(t))
                && k + 1 < e
                && self.is_cap(k + 1)
                && !not_a_name(self.tok(k + 1))
            {
                k += 2;
            } else {
                break;
            }
        }
        k.min(e)
    }

    /// Longest lexicon name starting at `p`, ending by `e`.
    fn lexicon_match(&self, p: usize, e: usize) -> Option<(usize, &'static lexicon::NameEntry)> {
        if !self.is_word(p) || !names().may_start(self.tok(p)) {
            return None;
        }
        let max = (e - p).min(names().max_words + 2);
        (1..=max).rev().find_map(|n| {
            let last = self.tok(p + n - 1);
            if !self.is_word(p + n - 1) && !last.ends_with('.') {
                return None;
            }
            names().get(self.phrase(p, p + n)).map(|x| (p + n, x))
        })
    }

    /// Splits a capitalized chunk `[i, end)` into lexicon names, titles and unknown runs.
    fn classify_chunk(&mut self, i: usize, end: usize, s: usize, e: usize) {
        if let Some(etype) = self.whole_chunk_type(i, end) {
            let c = Cand::new(i, end, etype, MentionKind::Name, self.sentence).with(
                0.8,
                "rule:org-event-shape",
                3,
            );
            self.push(c);
            return;
        }
        let mut p = i;
        let mut titles: Vec<(usize, usize, TitleKind)> = Vec::new();
        while p < end {
            if !self.is_cap(p) {
                if self.tok(p) != "and" {
                    titles.clear();
                }
                p += 1;
                continue;
            }
            let lex = self.lexicon_match(p, end);
            let tit = self.title_chain(p, end);
            let lex_end = lex.map_or(p, |(q, _)| q);
            if let Some(ch) = tit.filter(|c| c.end > lex_end) {
                titles.extend(ch.titles);
                p = ch.end;
                continue;
            }
            // `Victoria Beckham`: a place name that is also a given name, before a surname.
            let lex = lex.filter(|&(q, entry)| {
                !(q == p + 1
                    && matches!(entry.kind, NameKind::City | NameKind::Region)
                    && lexicon::given_name_gender(self.tok(p)).is_some()
                    && q < end
                    && self.is_cap(q)
                    && self.lexicon_match(q, end).is_none())
            });
            // `Tesla Inc.`, `Acme Group`: a known name with a company suffix is one organization.
            if let Some((q, _)) =
                lex.filter(|&(q, _)| q < end && NameWord::OrgSuffix.has(self.tok(q)))
            {
                let c = Cand::new(p, q + 1, EntityType::Org, MentionKind::Name, self.sentence)
                    .with(0.8, "rule:name+org-suffix", 4);
                self.push(c);
                titles.clear();
                p = q + 1;
                continue;
            }
            if let Some((q, entry)) = lex {
                titles.clear();
                let mut c = Cand::new(p, q, entry.entity_type, MentionKind::Name, self.sentence)
                    .with(0.95, "lexicon", 4);
                if q == end && self.trailing_org_head(q, e) {
                    // `US embassy`: the place stays, nested in the organization.
                    c.nested = true;
                    let org =
                        Cand::new(p, q + 1, EntityType::Org, MentionKind::Name, self.sentence)
                            .with(0.8, "rule:name+org-head", 4);
                    self.push(org);
                }
                self.push(c);
                p = q;
                continue;
            }
            let q = self.unknown_run_end(p, end);
            let taken = std::mem::take(&mut titles);
            self.classify_unknown(p, q, taken, s, e, q == end);
            p = q;
        }
    }

    /// A chunk that is one organization or event as a whole, by its last or first word:
    /// `Sydney Morning Herald`, `Islamabad High Court`, `Cyclone Phailin`, `Beijing Olympics`.
    fn whole_chunk_type(&self, i: usize, end: usize) -> Option<EntityType> {
        if end - i < 2 || (i..end).any(|k| matches!(self.tok(k), "and" | "&")) {
            return None;
        }
        if names().get(self.phrase(i, end)).is_some() || self.title_at(i, end).is_some() {
            return None;
        }
        let (first, last) = (self.tok(i), self.tok(end - 1));
        // `Troy Smith of Slate Magazine` is a person and an organization, not one name.
        let inner_of = (i..end).any(|k| !self.is_cap(k)) && !NameWord::OrgHead.has(first);
        if NameWord::EventHead.has(first) || NameWord::EventSuffix.has(last) {
            Some(EntityType::Event)
        } else if inner_of {
            None
        } else if NameWord::OrgSuffix.has(last) {
            Some(EntityType::Org)
        } else if NameWord::FacSuffix.has(last) {
            Some(EntityType::Fac)
        } else if NameWord::LocSuffix.has(last) {
            Some(EntityType::Loc)
        } else if NameWord::GpeSuffix.has(last) || NameWord::GpeHead.has(first) {
            Some(EntityType::Gpe)
        } else {
            None
        }
    }

    /// `the X administration`: a lowercase organization head right after a name.
    fn trailing_org_head(&self, q: usize, e: usize) -> bool {
        q < e && NameWord::OrgTrailingHead.has(self.tok(q))
    }

    /// End of a run of capitalized words of unknown type starting at `p` (stops where a lexicon
    /// name or a title starts, unless the run is an organization like `Bank of England`).
    fn unknown_run_end(&self, p: usize, end: usize) -> usize {
        let org_head = NameWord::OrgHead.has(self.tok(p));
        let mut q = p + 1;
        while q < end {
            let t = self.tok(q);
            if !self.is_cap(q) {
                let ok = (org_head && NameWord::OrgConnector.has(t))
                    || (!org_head && NameWord::Particle.has(t));
                if ok && q + 1 < end {
                    q += 1;
                    continue;
                }
                break;
            }
            if !org_head
                && (self.lexicon_match(q, end).is_some() || self.title_at(q, end).is_some())
            {
                break;
            }
            q += 1;
        }
        q
    }

    fn classify_unknown(
        &mut self,
        p: usize,
        q: usize,
        titles: Vec<(usize, usize, TitleKind)>,
        _s: usize,
        e: usize,
        chunk_last: bool,
    ) {
        let n = q - p;
        let first = self.tok(p);
        let last = self.tok(q - 1);
        let sent = self.sentence;
        if chunk_last && self.trailing_org_head(q, e) {
            let c = Cand::new(p, q + 1, EntityType::Org, MentionKind::Name, sent).with(
                0.75,
                "rule:name+org-head",
                3,
            );
            self.push(c);
            return;
        }
        let org_run = NameWord::OrgSuffix.has(last)
            || (NameWord::OrgHead.has(first) && (p..q).any(|k| !self.is_cap(k)));
        let c = Cand::new(p, q, EntityType::Person, MentionKind::Name, sent);
        let c = if !titles.is_empty() && !org_run {
            let mut c = c.with(0.9, "rule:title+name", 3);
            c.titles = titles;
            c
        } else if org_run && n >= 2 {
            Cand {
                etype: EntityType::Org,
                ..c.with(0.8, "rule:org-shape", 3)
            }
        } else if n == 1 && is_all_caps(first) && (2..=6).contains(&first.chars().count()) {
            let roman = first.chars().all(|c| "IVXLCDM".contains(c));
            if self.headline || roman || NameWord::NotAcronym.has(first) || self.common(p) {
                return;
            }
            Cand {
                etype: EntityType::Org,
                ..c.with(0.6, "rule:acronym", 1)
            }
        } else if n >= 2 && lexicon::given_name_gender(first).is_some() {
            c.with(0.85, "rule:given-name", 3)
        } else if n >= 2 && self.has_tagger {
            // With a statistical tagger, untyped capitalized runs are its call.
            return;
        } else if n >= 2 && !self.headline && !(p..q).any(|k| self.common(k)) {
            // Person names rarely contain everyday words (`Social Science`, `Food Standards`).
            c.with(0.55, "rule:capitalized-run", 1)
        } else if n == 1 && !self.headline {
            let mut c = c.with(0.5, "rule:single", 1);
            c.unresolved = true;
            c
        } else {
            return;
        };
        self.push(c);
    }

    /// `the country`, `this city`, `the ministry`: a generic head right after `the`/`this`/`that`
    /// that ends its noun phrase; coreference links it to a recent entity of the matching kind.
    fn generic_nominal(&self, i: usize, s: usize, e: usize) -> Option<EntityType> {
        let ty = generic_head_type(self.tok(i))?;
        if i == s
            || !matches!(
                self.tok(i - 1),
                "the" | "this" | "that" | "The" | "This" | "That"
            )
        {
            return None;
        }
        self.ends_noun_phrase(i + 1, e).then_some(ty)
    }

    /// Whether the noun phrase ends before token `k`: end of sentence, punctuation, a function
    /// word, a likely verb (`-ed`, `-s`) or a possessive.
    fn ends_noun_phrase(&self, k: usize, e: usize) -> bool {
        if k >= e {
            return true;
        }
        let next = self.tok(k);
        !self.is_word(k)
            || NameWord::AfterNominal.has(next)
            || next.ends_with("ed")
            || (next.ends_with('s') && next.len() > 3 && next.chars().all(|c| c.is_lowercase()))
            || next == "’s"
            || next == "'s"
    }

    /// `the (US acting) under secretary`, `Pakistan's foreign minister`: an office not followed
    /// by a name, opened by a determiner or a possessive within a few modifiers.
    fn nominal(&mut self, i: usize, chain: TitleChain, s: usize, e: usize) {
        let Some(&(_, _, kind)) = chain.titles.last() else {
            return;
        };
        if kind != TitleKind::Office {
            return;
        }
        let head = self.phrase(chain.titles.last().map_or(i, |t| t.0), chain.end);
        if TitleWord::VagueHead.has(&crate::text::key(head)) {
            return;
        }
        // What follows must end the noun phrase.
        if chain.end < e {
            let next = self.tok(chain.end);
            let ok = !self.is_word(chain.end)
                || NameWord::AfterNominal.has(next)
                || next.ends_with("ed")
                || (next.ends_with('s')
                    && next.len() > 3
                    && next.chars().all(|c| c.is_lowercase()))
                || next == "’s"
                || next == "'s";
            if !ok {
                return;
            }
        }
        let mut k = i;
        let mut opened = false;
        while k > s && i - k < MAX_MODIFIERS {
            let t = self.tok(k - 1);
            if opens_nominal(t) {
                opened = true;
                break;
            }
            if t == "’s" || t == "'s" {
                opened = true;
                k -= 1;
                continue;
            }
            let lower = t.to_lowercase();
            if TitleWord::Premodifier.has(&lower) || self.is_cap(k - 1) {
                k -= 1;
                continue;
            }
            break;
        }
        if !opened {
            return;
        }
        // Keep the nominal's span inside the phrase proper (no leading possessive token).
        while k < i && (self.tok(k) == "’s" || self.tok(k) == "'s") {
            k += 1;
        }
        let c = Cand::new(
            k,
            chain.end,
            EntityType::Person,
            MentionKind::Nominal,
            self.sentence,
        )
        .with(0.7, "rule:title-nominal", 1);
        self.push(c);
    }
}

/// Trims a tagger span to its capitalized core (no `the`, `of`, brackets or `'s` at the edges)
/// and rejects spans that are only a title, a pronoun or a month; a lone known given name is a
/// person whatever the tagger's type.
pub fn clean_tagged(
    text: &str,
    tokens: &[Token],
    mut a: usize,
    mut b: usize,
    etype: EntityType,
) -> Option<(usize, usize, EntityType)> {
    let tok = |k: usize| tokens[k].span.slice(text);
    let core = |k: usize| {
        let t = tok(k);
        t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    // A leading particle stays when the name goes on (`al - Qaeda`, `van Gogh`).
    let particle = |k: usize| {
        NameWord::Particle.has(tok(k)) && (k + 1..b).find(|&j| tok(j) != "-").is_some_and(core)
    };
    while a < b && !core(a) && !particle(a) {
        a += 1;
    }
    // The end of a hyphenated word stays (`Kim Jong-un`, `al-Ikhbariya`): the tokenizer
    // splits `Jong-un` into three tokens as UD English does.
    let hyphen_tail = |k: usize| {
        k >= a + 2
            && matches!(tok(k - 1), "-" | "\u{2010}" | "\u{2011}")
            && tokens[k - 2].span.end == tokens[k - 1].span.start
            && tokens[k - 1].span.end == tokens[k].span.start
            && core(k - 2)
    };
    while b > a && !core(b - 1) && !tok(b - 1).ends_with('.') && !hyphen_tail(b - 1) {
        b -= 1;
    }
    if a >= b {
        return None;
    }
    let phrase = &text[tokens[a].span.start..tokens[b - 1].span.end];
    // A lone everyday word (`Shares` opening a sentence) is not a name.
    let lone_common = b == a + 1 && lexicon::is_common_word(&phrase.to_lowercase());
    if lone_common
        || lexicon::title(phrase).is_some()
        || lexicon::pronoun(phrase).is_some()
        || not_a_name(phrase)
        || (b == a + 1 && NameWord::OrgSuffix.has(phrase))
    {
        return None;
    }
    // `Bay of Bengal`, `Tasman Sea`: a geographic head word makes an "organization" a place.
    let geo = |k: usize| {
        crate::ner::gazetteer::word_flags(&tok(k).to_lowercase()) & crate::ner::gazetteer::LOC_WORD
            != 0
    };
    let etype = if etype == EntityType::Org
        && b > a + 1
        && ((geo(a) && tok(a + 1) == "of") || geo(b - 1))
    {
        EntityType::Loc
    } else {
        etype
    };
    let etype = if b == a + 1
        && names().get(phrase).is_none()
        && lexicon::given_name_gender(phrase).is_some()
        && !lexicon::is_common_word(&phrase.to_lowercase())
    {
        EntityType::Person
    } else {
        etype
    };
    Some((a, b, etype))
}

/// Generic heads that refer back to a named place or organization, and the type they need.
pub fn generic_head_type(w: &str) -> Option<EntityType> {
    if NameWord::GenericGpeHead.has(w) {
        Some(EntityType::Gpe)
    } else if NameWord::GenericOrgHead.has(w) {
        Some(EntityType::Org)
    } else {
        None
    }
}

/// `TitleWord::Prefix.has(&word.to_ascii_lowercase())`, lower-casing a short word on the stack.
fn is_prefix_word(word: &str) -> bool {
    let b = word.as_bytes();
    if b.len() > 32 {
        return TitleWord::Prefix.has(&word.to_ascii_lowercase());
    }
    let mut buf = [0u8; 32];
    for (d, c) in buf.iter_mut().zip(b) {
        *d = c.to_ascii_lowercase();
    }
    // ASCII lower-casing keeps UTF-8 valid.
    std::str::from_utf8(&buf[..b.len()]).is_ok_and(|w| TitleWord::Prefix.has(w))
}
