//! The coref stage: coreference. Groups mention candidates into entities, in three passes over the
//! mentions in text order:
//! 1. names: same normalized text, lexicon aliases (`US` = `U.S.` = `United States`), person name
//!    variants (`Jane Mary Doe` = `Mary Doe` = `Doe`), acronyms built from initials (`FO` =
//!    `Foreign Office`);
//! 2. nominals and pronouns: appositives (`Jane Doe, the foreign minister,`), title references
//!    (`the foreign minister` → the person last given that title), pronouns by gender, number,
//!    subject role and recency within a bounded lookback;
//! 3. cataphora: `a ... official` introducing the person named at the start of the next sentence.
//!
//! Entities get ids `e1..` in order of first mention, the fullest name as canonical name,
//! ISO 3166 alpha-2 codes for countries, and a salience in 0..1. Pronoun- or nominal-only groups
//! are dropped: an entity must have a name.

use std::collections::{HashMap, VecDeque};

use crate::doc::{Annotation, Doc, MentionCandidate};
use crate::error::Result;
use crate::lexicon::{self, names, CorefCue, Gender, NameKind, NameWord, NominalHead, Number};
use crate::model::{Entity, EntityType, Mention, MentionKind, Span};
use crate::stage::Stage;
use crate::syntax::{Upos, Xpos};
use crate::text::{is_all_caps, is_capitalized, key, key_cased, key_nodots};

mod interview;
mod nationality;
mod nominals;
mod retype;
mod spelling;
mod syntactic;
mod typed;

pub struct CorefStage;

impl Stage for CorefStage {
    fn name(&self) -> &'static str {
        "coref"
    }
    fn requires(&self) -> &'static [Annotation] {
        &[
            Annotation::Tokens,
            Annotation::Sentences,
            Annotation::Dateline,
            Annotation::Mentions,
            Annotation::Titles,
            Annotation::Syntax,
        ]
    }
    /// Adds pronoun, nominal and description mentions (keeping `titles` pointing at the same
    /// mentions) and groups every mention into entities.
    fn provides(&self) -> &'static [Annotation] {
        &[
            Annotation::Mentions,
            Annotation::Titles,
            Annotation::Entities,
        ]
    }
    fn run(&self, doc: &mut Doc<'_>) -> Result<()> {
        retype::person_names_read_as_places(doc);
        let layout = interview::layout(doc.text, &doc.paragraphs);
        interview::add_pronouns(doc, layout.as_ref());
        nominals::add_name_head_nominals(doc);
        nominals::add_descriptions(doc);
        nominals::add_locatives(doc);
        nominals::add_quoted_we(doc);
        typed::add_typed_nominals(doc);
        let clusters = Resolver::new(doc, layout).resolve();
        build_entities(doc, clusters);
        Ok(())
    }
}

/// How many recent mentions a pronoun or nominal looks back over.
const LOOKBACK_MENTIONS: usize = 40;
/// How many sentences back a pronoun may reach.
const LOOKBACK_SENTENCES: u32 = 3;
/// How much a pronoun's best antecedent must outscore the next one (another entity, or an
/// unnamed noun phrase) to be taken; closer calls leave the pronoun unattached.
const PRONOUN_MARGIN: f32 = 0.3;
/// How much the dateline's country adds to its mention count when `the government` looks for
/// the story's state.
const DATELINE_STATE_BONUS: f32 = 2.0;
/// How many sentences back a typed nominal (`the terror group`) looks for an entity of its
/// kind.
const TYPED_LOOKBACK_SENTENCES: u32 = 8;
/// How many times the second state's score the story's state must reach, and by how much it
/// must lead, for a bare `the government` to be given to it.
const STATE_LEAD: f32 = 2.0;
const STATE_MIN_GAP: f32 = 2.0;
/// How many times the runner-up's names, and how many names more, the most named of several
/// entities a generic nominal fits (`the city`) must have to be given it.
const NOMINAL_LEAD: f32 = 2.0;
const NOMINAL_MIN_GAP: f32 = 1.0;
/// What a person pronoun's candidate gains for being the article's topic person so far (see
/// `Resolver::topic_person`): a person named in passing as the last sentence's subject does not
/// take `he`/`she` from the person the article is about, or ties with them (unattached).
const TOPIC_BONUS: f32 = 1.0;
const TOPIC_MIN_NAMES: usize = 3;
const TOPIC_LEAD: usize = 2;
/// How many recent clusters one name word may point to (bounds person-name matching).
const MAX_PER_WORD: usize = 8;

#[derive(Debug, Clone)]
struct Cluster {
    etype: EntityType,
    gender: Gender,
    /// Lexicon entry (country, city, org) when the names come from the lexicon.
    lex: Option<&'static lexicon::NameEntry>,
    /// Every name is one word used like a common noun (`a former Scientologist`): a person
    /// type the tagger likely got wrong, too weak to take pronouns.
    weak: bool,
}

struct Resolver<'d, 'a> {
    doc: &'d Doc<'a>,
    /// Cluster of each mention.
    of: Vec<Option<usize>>,
    clusters: Vec<Cluster>,
    /// Whether each mention is the subject (first person-like mention) of its sentence.
    subject: Vec<bool>,
    /// Whether each sentence is a verbless paragraph of its own: a heading or caption
    /// (`John Doe, 2nd Earl of X`, `Early life`).
    heading: Vec<bool>,
    /// Question and answer turns when the body is an interview.
    layout: Option<interview::Layout>,
    /// Kinds of each cluster (`typed::name_kinds`, `NominalHead` bits) and the type words
    /// written next to its names or heading them (`group` for `the X terror group`).
    kinds: Vec<u64>,
    type_words: Vec<Vec<String>>,
    /// Name mentions of each person cluster before the mention being resolved (pass 2).
    person_names: HashMap<usize, usize>,
}

/// Capitalized words of a name, without particles and possessives: the unit of name matching.
/// A surname with a lowercase particle joined by a hyphen counts (`al-Rufay'i`); apostrophes
/// are normalized (`al-Rufay’i` is the same word).
fn name_words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| is_capitalized(w) || w.rsplit('-').next().is_some_and(is_capitalized))
        .map(|w| key_cased(w.trim_end_matches(['.', ','])))
        .filter(|w| !w.is_empty())
        .collect()
}

/// `Acme Corp.` → `Acme`: legal-form suffixes do not change which company is meant.
/// Any whitespace separates the words: a name may be broken over a line (`Acme\nCorp.`).
fn strip_company_suffix(s: &str) -> &str {
    let sep = |c: char| c == ',' || c.is_whitespace();
    let t = s.trim_end_matches(sep);
    t.rsplit_once(char::is_whitespace)
        .filter(|(_, last)| NameWord::LegalForm.has(last))
        .map(|(x, _)| x.trim_end_matches(sep))
        .filter(|x| !x.is_empty())
        .unwrap_or(s)
}

/// `Kenyan government`, `the Kenya government`: a state's government is a mention of the state
/// (ACE's convention): the country's lexicon entry.
fn government_of(text: &str) -> Option<&'static lexicon::NameEntry> {
    let (rest, last) = text.trim().rsplit_once(char::is_whitespace)?;
    if !NameWord::GenericCountryHead.has(&last.to_lowercase()) {
        return None;
    }
    let rest = rest.trim();
    let rest = rest
        .strip_prefix("the ")
        .or_else(|| rest.strip_prefix("The "))
        .unwrap_or(rest);
    let e = names().get(rest)?;
    match e.kind {
        NameKind::Country => Some(e),
        NameKind::Demonym => names().country(e.iso2?),
        _ => None,
    }
}

/// `Foreign Office` → `FO`; `United Nations Security Council` → `UNSC` (skips `of`, `the`...).
fn initials(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| is_capitalized(w))
        .filter_map(|w| w.chars().next())
        .collect()
}

impl<'d, 'a> Resolver<'d, 'a> {
    fn new(doc: &'d Doc<'a>, layout: Option<interview::Layout>) -> Self {
        let n = doc.mentions.len();
        let mut subject = vec![false; n];
        let mut seen_sentence = None;
        for (i, m) in doc.mentions.iter().enumerate() {
            if !person_like(doc, m) || seen_sentence == Some(m.sentence) {
                continue;
            }
            let before = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
            let prev = before.checked_sub(1).map(|k| doc.token_text(k));
            let in_pp = prev.is_some_and(|p| CorefCue::BeforeNonSubject.has(&p.to_lowercase()));
            if !in_pp {
                subject[i] = true;
                seen_sentence = Some(m.sentence);
            }
        }
        let heading = doc
            .sentences
            .iter()
            .enumerate()
            .map(|(s, sent)| {
                let starts = |at: usize| doc.paragraphs.binary_search(&at).is_ok();
                let alone = starts(sent.span.start)
                    && doc
                        .sentences
                        .get(s + 1)
                        .is_none_or(|n| starts(n.span.start));
                let parsed = doc.syntax.len() >= sent.tokens.end;
                alone
                    && parsed
                    && !sent
                        .tokens
                        .clone()
                        .any(|k| matches!(doc.syntax.upos(k), Upos::Verb | Upos::Aux))
            })
            .collect();
        Resolver {
            doc,
            of: vec![None; n],
            clusters: Vec::new(),
            subject,
            heading,
            layout,
            kinds: Vec::new(),
            type_words: Vec::new(),
            person_names: HashMap::new(),
        }
    }

    fn text(&self, i: usize) -> &'a str {
        self.doc.mentions[i].span.slice(self.doc.text)
    }

    fn new_cluster(
        &mut self,
        etype: EntityType,
        lex: Option<&'static lexicon::NameEntry>,
    ) -> usize {
        self.clusters.push(Cluster {
            etype,
            gender: Gender::Unknown,
            lex,
            weak: false,
        });
        self.clusters.len() - 1
    }

    fn resolve(mut self) -> Vec<Option<usize>> {
        self.names();
        self.weak_names();
        self.typed_kinds();
        self.genders();
        self.nominals_and_pronouns();
        self.cataphora();
        self.quotes();
        self.interview();
        self.of
    }

    /// Pass 1: name mentions.
    fn names(&mut self) {
        let doc = self.doc;
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        let mut full_words: HashMap<usize, Vec<String>> = HashMap::new();
        let mut by_initials: HashMap<String, usize> = HashMap::new();
        // Head word of multi-word organization names (`church` for `Church of Scientology`).
        let mut by_head: HashMap<String, usize> = HashMap::new();
        let mut recent = spelling::RecentNames::default();
        for (i, m) in doc.mentions.iter().enumerate() {
            if m.kind != MentionKind::Name {
                continue;
            }
            let text = self.text(i);
            // `Tesla Inc.` is `Tesla`: the lexicon and the key ignore a company suffix. A person
            // named like a place (`Valeska Paris`) is no lexicon entry.
            let lex = Some(text)
                .filter(|_| m.source != retype::SOURCE)
                .and_then(|t| names().get(t))
                .or_else(|| names().get(strip_company_suffix(text)))
                .or_else(|| government_of(text));
            let k = match lex {
                Some(e) if e.kind == NameKind::Demonym => {
                    format!("norp:{}", e.iso2.unwrap_or(e.canonical))
                }
                Some(e) => format!("lex:{}", e.canonical),
                None => format!(
                    "{}:{}",
                    m.entity_type.label(),
                    key_nodots(strip_company_suffix(text))
                ),
            };
            if let Some(&c) = by_key.get(&k) {
                self.of[i] = Some(c);
                recent.push(key_nodots(text), self.clusters[c].etype, c);
                continue;
            }
            let surface = key_nodots(strip_company_suffix(text));
            if lex.is_none() {
                if let Some(c) = recent.find(&surface, m.entity_type) {
                    by_key.insert(k, c);
                    self.of[i] = Some(c);
                    continue;
                }
            }
            let mut found = None;
            if m.entity_type == EntityType::Person && lex.is_none() {
                let words = name_words(text);
                // Every word of this name among the words of a known person's fullest name.
                if let Some(last) = words.last() {
                    if let Some(cands) = by_word.get(last) {
                        found = cands.iter().rev().copied().find(|c| {
                            full_words
                                .get(c)
                                .is_some_and(|fw| words.iter().all(|w| fw.contains(w)))
                        });
                    }
                }
                // A fuller name of an earlier partial one (`Doe` ... `Jane Doe`).
                if found.is_none() && words.len() > 1 {
                    found = by_word
                        .get(words.last().unwrap_or(&String::new()))
                        .and_then(|cands| {
                            cands.iter().rev().copied().find(|c| {
                                full_words
                                    .get(c)
                                    .is_some_and(|fw| fw.iter().all(|w| words.contains(w)))
                            })
                        });
                }
                let c = found.unwrap_or_else(|| self.new_cluster(EntityType::Person, None));
                let fw = full_words.entry(c).or_default();
                if words.len() > fw.len() {
                    *fw = words.clone();
                }
                for w in words {
                    let v = by_word.entry(w).or_default();
                    if v.last() != Some(&c) {
                        v.retain(|&x| x != c);
                        v.push(c);
                        if v.len() > MAX_PER_WORD {
                            v.remove(0);
                        }
                    }
                }
                by_key.insert(k, c);
                self.of[i] = Some(c);
                recent.push(surface, EntityType::Person, c);
                continue;
            }
            if m.entity_type == EntityType::Org && lex.is_none() {
                let acronym = is_all_caps(text) && !text.contains(' ');
                if acronym {
                    found = by_initials.get(&key_nodots(text).to_uppercase()).copied();
                } else if let Some(&c) = by_key.get(&format!("acr:{}", initials(text))) {
                    found = Some(c); // the acronym came first
                }
            }
            // `the Church` after `Church of Scientology`: a capitalized head alone is the name.
            if found.is_none() && lex.is_none() {
                let bare = text
                    .strip_prefix("The ")
                    .or_else(|| text.strip_prefix("the "))
                    .unwrap_or(text);
                if !bare.contains(char::is_whitespace) {
                    found = by_head.get(&bare.to_lowercase()).copied();
                }
            }
            let etype = lex.map_or(m.entity_type, |e| e.entity_type);
            let c = found.unwrap_or_else(|| self.new_cluster(etype, lex));
            if self.clusters[c].etype == EntityType::Org && lex.is_none() {
                if let Some(h) = nominals::name_head(text, EntityType::Org) {
                    by_head.insert(h.to_lowercase(), c);
                }
            }
            if self.clusters[c].etype == EntityType::Org || etype == EntityType::Org {
                let ini = initials(lex.map_or(text, |e| e.canonical));
                if ini.chars().count() >= 2 {
                    by_initials.entry(ini).or_insert(c);
                }
                if is_all_caps(text) && !text.contains(' ') {
                    by_key.insert(format!("acr:{}", key_nodots(text).to_uppercase()), c);
                }
            }
            by_key.insert(k, c);
            self.of[i] = Some(c);
            recent.push(surface, etype, c);
        }
    }

    /// Marks clusters whose names all read as common nouns in the parse.
    fn weak_names(&mut self) {
        let doc = self.doc;
        let mut strong = vec![false; self.clusters.len()];
        let mut seen = vec![false; self.clusters.len()];
        for (i, m) in doc.mentions.iter().enumerate() {
            let Some(c) = self.of[i] else { continue };
            if m.kind == MentionKind::Name {
                seen[c] = true;
                strong[c] |= !syntactic::modified_like_noun(doc, m.span);
            }
        }
        for (c, cl) in self.clusters.iter_mut().enumerate() {
            cl.weak = seen[c] && !strong[c];
        }
    }

    /// Each cluster's kinds and type words (see `typed`), from its name mentions.
    fn typed_kinds(&mut self) {
        let doc = self.doc;
        self.kinds = vec![0; self.clusters.len()];
        self.type_words = vec![Vec::new(); self.clusters.len()];
        for (i, m) in doc.mentions.iter().enumerate() {
            let Some(c) = self.of[i] else { continue };
            if m.kind != MentionKind::Name {
                continue;
            }
            let text = self.text(i);
            self.kinds[c] |= typed::name_kinds(text);
            let mut words = syntactic::head_token(doc, m.span)
                .map_or_else(Vec::new, |h| typed::cue_heads(doc, h, m.span));
            if let Some(h) = nominals::name_head(text, m.entity_type) {
                words.push(h.to_lowercase());
            }
            for w in words {
                self.kinds[c] |= typed::head_kinds(&w);
                if !self.type_words[c].contains(&w) {
                    self.type_words[c].push(w);
                }
            }
        }
    }

    /// A typed nominal (`the terror group`, `the disputed sea`, `the Kenyan government`): for a
    /// state, the state of its nationality word, else the story's state (`government`,
    /// `regime`) or the last country; otherwise the entity written with the same type word or
    /// of the head's kind within `TYPED_LOOKBACK_SENTENCES`. Two candidates, or none of a
    /// known kind, leave it unattached.
    fn typed(&self, i: usize, recent: &VecDeque<usize>) -> Option<usize> {
        let doc = self.doc;
        let m = &doc.mentions[i];
        let head = self.text(i).split_whitespace().last()?.to_lowercase();
        let want = typed::head_kinds(&head);
        if want & NominalHead::State.bit() != 0 {
            // `the Kenyan government`: the nationality's state, if the article names it.
            let inner = doc.mentions[i + 1..]
                .iter()
                .take_while(|n| n.span.start < m.span.end)
                .count();
            let iso = (i + 1..i + 1 + inner).find_map(|j| {
                let l = self.clusters[self.of[j]?].lex?;
                (l.kind == NameKind::Demonym).then_some(l.iso2).flatten()
            });
            if let Some(iso) = iso {
                return self.state_cluster(iso);
            }
            if NameWord::GenericStateHead.has(&head) {
                return self.salient_state();
            }
            return self.generic_head(i, "country", recent);
        }
        let water = want & NominalHead::Water.bit() != 0;
        let spec = typed::specific(want);
        let sent = m.sentence;
        let mut strong: Vec<usize> = Vec::new();
        for j in (0..i).rev() {
            let mj = &doc.mentions[j];
            if mj.sentence + TYPED_LOOKBACK_SENTENCES < sent {
                break;
            }
            let Some(c) = self.of[j] else { continue };
            let cl = &self.clusters[c];
            let fits = if water {
                cl.etype == EntityType::Loc
            } else {
                cl.etype == EntityType::Org
            };
            if cl.weak || !fits {
                continue;
            }
            if (self.type_words[c].contains(&head) || self.kinds[c] & spec != 0)
                && !strong.contains(&c)
            {
                strong.push(c);
            }
        }
        // An entity of unknown kind is no candidate (`the group` after a lone organization
        // may be another group): a wrong attachment is worse than none.
        match strong.as_slice() {
            [c] => Some(*c),
            _ => None,
        }
    }

    /// Initial genders of person clusters: honorific or gendered titles, then given names.
    fn genders(&mut self) {
        let doc = self.doc;
        for t in &doc.titles {
            if let Some(c) = self.of.get(t.person_mention).copied().flatten() {
                if let Some(info) = lexicon::title(&t.text) {
                    if matches!(info.gender, Gender::Male | Gender::Female) {
                        self.clusters[c].gender = info.gender;
                    }
                }
            }
        }
        for (i, m) in doc.mentions.iter().enumerate() {
            let Some(c) = self.of[i] else { continue };
            if m.kind != MentionKind::Name || self.clusters[c].gender != Gender::Unknown {
                continue;
            }
            if m.entity_type == EntityType::Person {
                let first = self.text(i).split_whitespace().next().unwrap_or("");
                let appositive = || {
                    (m.source == retype::SOURCE)
                        .then(|| retype::appositive_person(doc, m.span.end))
                        .flatten()
                        .filter(|g| *g != Gender::Unknown)
                };
                if let Some(g) = lexicon::given_name_gender(first).or_else(appositive) {
                    self.clusters[c].gender = g;
                }
            } else if m.entity_type != EntityType::Norp {
                self.clusters[c].gender = Gender::Neuter;
            }
        }
    }

    /// Title keys a nominal mention can be matched by, longest first: `US acting under
    /// secretary` → `acting under secretary`, `under secretary`, `secretary`.
    fn nominal_keys(&self, i: usize) -> Vec<String> {
        let words: Vec<&str> = self.text(i).split_whitespace().collect();
        let mut out = Vec::new();
        for s in 0..words.len() {
            let phrase = words[s..].join(" ");
            if lexicon::title(&phrase).is_some()
                || (s + 1 < words.len()
                    && lexicon::title(&words[s + 1..].join(" ")).is_some()
                    && !is_capitalized(words[s]))
            {
                out.push(key(&phrase));
            }
        }
        out
    }

    /// The country a title nominal names (`the Kenyan president`, `the US secretary`): in the
    /// words before its title key, or right before the mention.
    fn nominal_country(&self, i: usize, keys: &[String]) -> Option<&'static str> {
        // Word by word, as `nominal_keys` built the keys: the mention may be broken over a
        // line (`the US acting under\nsecretary`).
        let words: Vec<&str> = self.text(i).split_whitespace().collect();
        let qualifier = keys
            .first()
            .and_then(|k| (0..words.len()).find(|&s| key(&words[s..].join(" ")) == *k))
            .map_or(String::new(), |s| words[..s].join(" "));
        nationality::country_at_end(&qualifier)
            .or_else(|| nationality::country_before(self.doc, self.doc.mentions[i].span.start))
    }

    /// Pass 2: nominals and pronouns, in text order.
    fn nominals_and_pronouns(&mut self) {
        let doc = self.doc;
        // Title key → clusters that hold it, most recent last.
        let mut titled: HashMap<String, Vec<usize>> = HashMap::new();
        // Title holders' countries (`Ghanaian President X`), and the article's own country.
        let mut country_of: HashMap<usize, &'static str> = HashMap::new();
        let home = nationality::dateline_country(doc);
        let mut title_at: Vec<(usize, String, Option<&'static str>)> = doc
            .titles
            .iter()
            .filter_map(|t| {
                let country = nationality::country_before(doc, t.span.start).or_else(|| {
                    let first = t.text.split_whitespace().next()?;
                    nationality::country_at_end(first)
                });
                self.of
                    .get(t.person_mention)
                    .copied()
                    .flatten()
                    .map(|_| (t.person_mention, key(&t.text), country))
            })
            .collect();
        title_at.sort_by_key(|x| x.0);
        // Each titled person's state (`Kenyan Foreign Minister X`), over the whole article: a
        // quote's `we` may come before the speaker's title.
        let state_of: HashMap<usize, usize> = title_at
            .iter()
            .filter_map(|(mi, _, country)| Some((self.of[*mi]?, self.state_cluster((*country)?)?)))
            .collect();
        let mut next_title = 0;
        let mut recent: VecDeque<usize> = VecDeque::new();
        let said_by: Vec<(Span, usize)> = self
            .quote_speakers()
            .into_iter()
            .map(|(o, c, sp)| {
                (
                    Span::new(doc.tokens[o].span.start, doc.tokens[c].span.end),
                    sp,
                )
            })
            .collect();
        for i in 0..doc.mentions.len() {
            while next_title < title_at.len() && title_at[next_title].0 <= i {
                let (mi, k, country) = &title_at[next_title];
                if let Some(c) = self.of[*mi] {
                    register(&mut titled, k, c);
                    if let Some(iso) = country {
                        country_of.entry(c).or_insert(iso);
                    }
                }
                next_title += 1;
            }
            let m = &doc.mentions[i];
            match m.kind {
                MentionKind::Name => {
                    if let Some(c) =
                        self.of[i].filter(|&c| self.clusters[c].etype == EntityType::Person)
                    {
                        *self.person_names.entry(c).or_default() += 1;
                    }
                }
                MentionKind::Nominal if m.source == typed::SOURCE => {
                    self.of[i] = self.typed(i, &recent);
                }
                MentionKind::Nominal if m.entity_type != EntityType::Person => {
                    self.of[i] = self.generic(i, &recent);
                }
                MentionKind::Nominal => {
                    let keys = self.nominal_keys(i);
                    // `the Kenyan president`: only a president of Kenya, or one of no stated
                    // country when the article is Kenyan (or its country is unknown).
                    let want = self.nominal_country(i, &keys);
                    let pick = |v: &Vec<usize>| -> Option<usize> {
                        let Some(w) = want else {
                            return v.last().copied();
                        };
                        let same = v.iter().rev().find(|c| country_of.get(c) == Some(&w));
                        let unstated = || {
                            v.iter().rev().find(|c| {
                                !country_of.contains_key(c) && home.is_none_or(|h| h == w)
                            })
                        };
                        same.or_else(unstated).copied()
                    };
                    // Exact title first; then the head noun (`the secretary` → `Secretary of
                    // State Jane Doe`, `the minister` → the last minister named).
                    let c = self
                        .appositive(i)
                        .or_else(|| self.predicate_of(i))
                        .or_else(|| keys.iter().find_map(|k| titled.get(k).and_then(pick)))
                        .or_else(|| {
                            let head = format!("head:{}", title_head(keys.first()?));
                            titled.get(&head).and_then(pick)
                        });
                    if let Some(c) = c {
                        self.of[i] = Some(c);
                        for k in &keys {
                            register(&mut titled, k, c);
                        }
                        if let Some(w) = want {
                            country_of.entry(c).or_insert(w);
                        }
                    }
                }
                MentionKind::Pronoun => {
                    // A speaker does not name themselves in the third person in their own quote.
                    let at = m.span.start;
                    let k = said_by.partition_point(|q| q.0.end <= at);
                    let speaker = said_by.get(k).filter(|q| q.0.start <= at).map(|q| q.1);
                    self.of[i] = if m.source == nominals::THERE {
                        self.place_before(i, &recent)
                    } else if m.source == nominals::WE {
                        speaker.and_then(|s| state_of.get(&s).copied())
                    } else {
                        self.pronoun(i, &recent, speaker)
                    };
                    if let (Some(c), Some(p)) = (self.of[i], lexicon::pronoun(self.text(i))) {
                        let cl = &mut self.clusters[c];
                        if cl.gender == Gender::Unknown && cl.etype == EntityType::Person {
                            cl.gender = p.gender;
                        }
                    }
                }
            }
            // A quoted `we` given to a state is no antecedent for a later `it`: the quote speaks
            // for the state without naming it.
            if self.of[i].is_some() && m.source != nominals::WE {
                recent.push_back(i);
                if recent.len() > LOOKBACK_MENTIONS {
                    recent.pop_front();
                }
            }
        }
    }

    /// `the country` → the most recent country; `the ministry` → the most recent organization
    /// whose name holds `Ministry`; `the company` → the most recent organization.
    fn generic(&self, i: usize, recent: &VecDeque<usize>) -> Option<usize> {
        self.generic_head(i, &self.text(i).to_lowercase(), recent)
    }

    /// [`Self::generic`] for a nominal with the generic head `head`.
    fn generic_head(&self, i: usize, head: &str, recent: &VecDeque<usize>) -> Option<usize> {
        let doc = self.doc;
        let head = head.to_string();
        let sent = doc.mentions[i].sentence;
        let Some(want) = crate::entities::generic_head_type(&head) else {
            return self.by_name_head(i, recent);
        };
        if NameWord::GenericCountryHead.has(&head) {
            // `the government of Pakistan`: the of-phrase decides.
            if let Some(c) = self.of_phrase_country(i) {
                return Some(c);
            }
            // A bare `the government` is the story's state, not the last one named.
            if NameWord::GenericStateHead.has(&head) {
                return self.salient_state();
            }
        }
        // A nationality named after the last country (`Iraqi officials said the country's`)
        // may stand for another one: then `the country` is left unattached.
        let mut demonym: Option<&str> = None;
        let mut cands: Vec<usize> = Vec::new();
        for &j in recent.iter().rev() {
            let mj = &doc.mentions[j];
            if mj.sentence + 2 * LOOKBACK_SENTENCES < sent {
                break;
            }
            let Some(c) = self.of[j] else { continue };
            let cl = &self.clusters[c];
            if let Some(l) = cl.lex.filter(|l| l.kind == NameKind::Demonym) {
                demonym = demonym.or(l.iso2);
            }
            if cl.etype != want || mj.kind != MentionKind::Name {
                continue;
            }
            let kind = cl.lex.map(|l| l.kind);
            let h = head.as_str();
            if NameWord::GenericCountryHead.has(h)
                && kind == Some(NameKind::Country)
                && cands.is_empty()
                && demonym.is_some_and(|d| cl.lex.and_then(|l| l.iso2) != Some(d))
            {
                return None;
            }
            let ok = if NameWord::GenericCountryHead.has(h) {
                kind == Some(NameKind::Country)
            } else if NameWord::GenericCityHead.has(h) {
                kind == Some(NameKind::City) || kind.is_none()
            } else if NameWord::GenericRegionHead.has(h) {
                kind != Some(NameKind::Country)
            } else if NameWord::GenericGroupHead.has(h) {
                true
            } else {
                // The name holds the head (`the court` after `Supreme Court`): the nearest.
                if self.text(j).to_lowercase().contains(h) {
                    return Some(c);
                }
                false
            };
            if ok && !cands.contains(&c) {
                cands.push(c);
            }
        }
        self.dominant(i, &cands)
    }

    /// Of the entities a generic nominal of a kind (`the city`, not `the court`, which takes the
    /// nearest name holding it) fits within its window (`the city` after `Isfahan` and `the
    /// Zagros`), the only one, or the one named most often so far when it leads by
    /// `NOMINAL_LEAD` times and `NOMINAL_MIN_GAP` names: the recent one is often a minor place
    /// or organization named in passing, and two close rivals leave the nominal unattached.
    fn dominant(&self, i: usize, cands: &[usize]) -> Option<usize> {
        let doc = self.doc;
        match cands {
            [] => return None,
            [c] => return Some(*c),
            _ => {}
        }
        let count = |c: usize| {
            (0..i)
                .filter(|&j| self.of[j] == Some(c) && doc.mentions[j].kind == MentionKind::Name)
                .count() as f32
        };
        let mut ranked: Vec<(f32, usize)> = cands.iter().map(|&c| (count(c), c)).collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        let (best, c) = ranked[0];
        let second = ranked[1].0;
        (best >= NOMINAL_LEAD * second && best - second >= NOMINAL_MIN_GAP).then_some(c)
    }

    /// `the government of X`: the country named right after `of` (or `of the`), if any.
    fn of_phrase_country(&self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let mut k = doc
            .tokens
            .partition_point(|t| t.span.start < doc.mentions[i].span.end);
        if k >= doc.tokens.len() || doc.token_text(k) != "of" {
            return None;
        }
        k += 1;
        if k < doc.tokens.len() && doc.token_text(k).eq_ignore_ascii_case("the") {
            k += 1;
        }
        let start = doc.tokens.get(k)?.span.start;
        let j = i
            + 1
            + doc.mentions[i + 1..]
                .iter()
                .take(3)
                .position(|m| m.span.start == start && m.kind == MentionKind::Name)?;
        self.of[j].filter(|&c| self.country_kind(c))
    }

    /// The cluster of the country with this ISO code, when the article names it.
    fn state_cluster(&self, iso: &str) -> Option<usize> {
        (0..self.clusters.len()).find(|&c| {
            self.country_kind(c) && self.clusters[c].lex.and_then(|l| l.iso2) == Some(iso)
        })
    }

    fn country_kind(&self, c: usize) -> bool {
        self.clusters[c]
            .lex
            .is_some_and(|l| l.kind == NameKind::Country)
    }

    /// The state most salient as the story's subject: the country named most often, the
    /// dateline's country counting extra. `None` when no country is named or a second one comes
    /// close (two states compete: a wrong state is worse than none).
    fn salient_state(&self) -> Option<usize> {
        let doc = self.doc;
        let home = nationality::dateline_country(doc);
        let mut score: HashMap<usize, f32> = HashMap::new();
        for (j, m) in doc.mentions.iter().enumerate() {
            let Some(c) = self.of[j].filter(|&c| self.country_kind(c)) else {
                continue;
            };
            if m.kind == MentionKind::Name {
                *score.entry(c).or_default() += 1.0;
            }
        }
        for (&c, s) in score.iter_mut() {
            if home.is_some() && self.clusters[c].lex.and_then(|l| l.iso2) == home {
                *s += DATELINE_STATE_BONUS;
            }
        }
        let mut ranked: Vec<(usize, f32)> = score.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let (top, best) = *ranked.first()?;
        let second = ranked.get(1).map_or(0.0, |x| x.1);
        (best >= STATE_LEAD * second && best - second >= STATE_MIN_GAP).then_some(top)
    }

    /// `there` → the place last named in this or the previous sentence.
    fn place_before(&self, i: usize, recent: &VecDeque<usize>) -> Option<usize> {
        let doc = self.doc;
        let sent = doc.mentions[i].sentence;
        recent
            .iter()
            .rev()
            .take_while(|&&j| doc.mentions[j].sentence + 1 >= sent)
            .find_map(|&j| {
                let c = self.of[j]?;
                let cl = &self.clusters[c];
                let place = matches!(
                    cl.etype,
                    EntityType::Gpe | EntityType::Loc | EntityType::Fac
                ) && cl.lex.is_none_or(|l| l.kind != NameKind::Demonym);
                (place && doc.mentions[j].kind == MentionKind::Name).then_some(c)
            })
    }

    /// `the church` → the most recent organization whose name has that head (`Church of X`);
    /// beyond the recent mentions, the only entity named with that head earlier in the article
    /// (`the council` long after `U.N. Security Council`), none when two share it.
    fn by_name_head(&self, i: usize, recent: &VecDeque<usize>) -> Option<usize> {
        let doc = self.doc;
        let head = self.text(i);
        let headed = |j: usize| {
            let mj = &doc.mentions[j];
            mj.kind == MentionKind::Name
                && nominals::name_head(self.text(j), mj.entity_type)
                    .is_some_and(|h| h.eq_ignore_ascii_case(head))
        };
        if let Some(c) = recent
            .iter()
            .rev()
            .find_map(|&j| headed(j).then_some(self.of[j]).flatten())
        {
            return Some(c);
        }
        let mut found = None;
        for j in (0..i).filter(|&j| headed(j)) {
            match (found, self.of[j]) {
                (_, None) => {}
                (None, c) => found = c,
                (Some(f), Some(c)) if f != c => return None,
                _ => {}
            }
        }
        found
    }

    /// `Doe was a nurse`, `She is an artist`: a description after a copula is its subject.
    fn predicate_of(&self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let m = &doc.mentions[i];
        if m.source != nominals::DESCRIPTION {
            return None;
        }
        let k = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
        if k < 2 || doc.token_text(k - 1) == "," {
            return None;
        }
        let subject_end = doc.tokens[k - 2].span.end;
        let lo = i.saturating_sub(4);
        (lo..i)
            .rev()
            .find(|&j| doc.mentions[j].span.end == subject_end)
            .and_then(|j| self.of[j])
            .filter(|&c| self.clusters[c].etype == EntityType::Person)
    }

    /// `Jane Doe, the foreign minister,` or `the foreign minister, Jane Doe,`: the person name
    /// right before (or after) the nominal, separated by a comma and a determiner.
    fn appositive(&self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let m = &doc.mentions[i];
        let start_tok = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
        let end_tok = doc.tokens.partition_point(|t| t.span.start < m.span.end);
        let is_det = |k: usize| lexicon::opens_nominal(doc.token_text(k));
        // Before: NAME , (det) NOMINAL
        let mut k = start_tok;
        if k > 0 && is_det(k - 1) {
            k -= 1;
        }
        if k >= 2 && doc.token_text(k - 1) == "," {
            let name_end = doc.tokens[k - 2].span.end;
            // Bounded lookback: the name sits right before the comma.
            let lo = i.saturating_sub(4);
            let prev = doc.mentions[lo..i]
                .iter()
                .rposition(|p| p.kind == MentionKind::Name && p.span.end == name_end)
                .map(|p| p + lo);
            if let Some(p) = prev.filter(|&p| doc.mentions[p].entity_type == EntityType::Person) {
                return self.of[p];
            }
        }
        // After: (det) NOMINAL , NAME
        if end_tok + 1 < doc.tokens.len() && doc.token_text(end_tok) == "," {
            let name_start = doc.tokens[end_tok + 1].span.start;
            let next = doc.mentions[i + 1..]
                .iter()
                .take(4)
                .position(|p| p.kind == MentionKind::Name && p.span.start == name_start)
                .map(|p| p + i + 1);
            if let Some(n) = next.filter(|&n| doc.mentions[n].entity_type == EntityType::Person) {
                return self.of[n];
            }
        }
        None
    }

    /// Resolves a pronoun against recent clusters: agreement (gender, animacy), binding (not its
    /// clause's own subject), then syntactic prominence and recency, Hobbs/centering-style: a
    /// subject governing the pronoun's clause first (nearest clause up), then the previous
    /// sentence's main subject, then other recent mentions. Unnamed noun phrases in the
    /// prominent slots compete too (`a spokesman said he`, a name the tagger missed): when one
    /// of them wins, or two entities score too close, the pronoun stays unattached, since a
    /// wrong attachment makes a wrong speaker or role holder.
    fn pronoun(&self, i: usize, recent: &VecDeque<usize>, not: Option<usize>) -> Option<usize> {
        let doc = self.doc;
        let info = lexicon::pronoun(self.text(i))?;
        let m = &doc.mentions[i];
        let p = syntactic::head_token(doc, m.span);
        if info.person != 3 {
            return None;
        }
        // `they`/`their` stay unattached: for an organization subject they gained nothing on
        // our dev gold and on GUM train linked as many wrong (NATO for the people it bombed) or
        // unnamed antecedents as right ones.
        if info.number == Number::Plural {
            return None;
        }
        let sent = m.sentence;
        let want_person = matches!(info.gender, Gender::Male | Gender::Female);
        let possessive = match p {
            Some(p) => syntactic::is_possessive(doc, p),
            None => info.possessive,
        };
        if !want_person && !possessive && !self.subject_it(i, p) {
            return None;
        }
        let agrees = |c: usize| {
            let cl = &self.clusters[c];
            if cl.weak {
                false
            } else if want_person {
                cl.etype == EntityType::Person
                    && (cl.gender == info.gender || cl.gender == Gender::Unknown)
            } else {
                matches!(
                    cl.etype,
                    EntityType::Org
                        | EntityType::Gpe
                        | EntityType::Event
                        | EntityType::Product
                        | EntityType::Fac
                ) && cl.lex.is_none_or(|l| l.kind != NameKind::Demonym)
            }
        };
        if let Some(p) = p {
            // A reflexive is its clause's subject (`she bettered herself`).
            if self.text(i).to_ascii_lowercase().ends_with("self") {
                return syntactic::local_subject(doc, p)
                    .and_then(|s| self.cluster_at_token(s))
                    .filter(|&c| agrees(c));
            }
            // `Though he is ..., Doe said`: the main clause's subject, or no one.
            // (A pronoun there, `While she spoke, she ...`, is resolved as usual.)
            if let Some(s) =
                syntactic::fronted_clause_subject(doc, p).filter(|&s| !self.at_pronoun(s))
            {
                return self.cluster_at_token(s).filter(|&c| agrees(c));
            }
        }
        // Binding: `X invited her` is not X; a possessive may be (`X lost her passport`).
        let bound = match p {
            Some(p) if !possessive => {
                syntactic::coargument_subject(doc, p).and_then(|s| self.cluster_at_token(s))
            }
            Some(_) => None,
            None if want_person => self.clause_subject_of_object(i),
            None => None,
        };
        let governing = p.map_or_else(Vec::new, |p| syntactic::governing_subjects(doc, p));
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for &j in recent.iter() {
            if let Some(c) = self.of[j] {
                *counts.entry(c).or_default() += 1;
            }
        }
        let topic = if want_person {
            self.topic_person()
        } else {
            None
        };
        let mut scores: HashMap<usize, f32> = HashMap::new();
        for &j in recent.iter().rev() {
            let mj = &doc.mentions[j];
            if mj.sentence + LOOKBACK_SENTENCES < sent {
                break;
            }
            let Some(c) = self.of[j].filter(|&c| Some(c) != not && Some(c) != bound) else {
                continue;
            };
            if !agrees(c) {
                continue;
            }
            // A heading or caption (`John Doe, 2nd Earl of X`) is no subject the next
            // paragraph continues.
            if mj.sentence != sent && self.heading.get(mj.sentence as usize) == Some(&true) {
                continue;
            }
            let d = sent - mj.sentence;
            let mut s = match syntactic::head_token(doc, mj.span) {
                Some(h) if p.is_some() => {
                    let s = prominence(doc, d, h, &governing);
                    // A sentence whose parse found no subject for its root (a misparse): its
                    // first person-like mention stands in as the main subject.
                    if d >= 1 && self.subject[j] && self.subjectless(mj.sentence) {
                        s.max(main_subject_score(d))
                    } else {
                        s
                    }
                }
                _ => self.flat_prominence(j, d, want_person),
            };
            s += 0.03 * counts.get(&c).copied().unwrap_or(0).min(10) as f32;
            if topic == Some(c) {
                s += TOPIC_BONUS;
            }
            let e = scores.entry(c).or_insert(0.0);
            if s > *e {
                *e = s;
            }
        }
        let mut ranked: Vec<(f32, usize)> = scores.into_iter().map(|(c, s)| (s, c)).collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
        let (best, c) = *ranked.first()?;
        let second = ranked.get(1).map_or(0.0, |x| x.0);
        let rival = p.map_or(0.0, |p| {
            self.unnamed_rival(p, sent, &governing, info.gender, possessive)
        });
        if best < 0.3 || second > best - PRONOUN_MARGIN || rival > best - PRONOUN_MARGIN {
            return None;
        }
        Some(c)
    }

    /// The article's topic person so far: the person named most often before the current
    /// mention, at least `TOPIC_MIN_NAMES` times and `TOPIC_LEAD` times as often as any other.
    fn topic_person(&self) -> Option<usize> {
        // A tie leaves `second == best`: no topic, whatever the hash order.
        let mut best = (0, None);
        let mut second = 0;
        for (&c, &n) in &self.person_names {
            if n > best.0 {
                second = best.0;
                best = (n, Some(c));
            } else {
                second = second.max(n);
            }
        }
        best.1
            .filter(|_| best.0 >= TOPIC_MIN_NAMES && best.0 >= TOPIC_LEAD * second)
    }

    /// Whether a non-possessive `it` may stand for an organization or place: a subject (`It
    /// said`, `..., it added`), not an expletive or a clause's stand-in (`it is clear that`).
    /// Objects (`pay for it`) mostly stand for things or clauses.
    fn subject_it(&self, i: usize, p: Option<usize>) -> bool {
        let doc = self.doc;
        if let Some(p) = p {
            return doc.syntax.rel(p).is_subject() && !syntactic::clausal_it(doc, p);
        }
        let k = doc
            .tokens
            .partition_point(|t| t.span.end <= doc.mentions[i].span.start);
        match k.checked_sub(1).map(|p| doc.token_text(p)) {
            None => true,
            Some(prev) => {
                CorefCue::SubjectSlot.has(prev)
                    || doc
                        .sentences
                        .binary_search_by_key(&k, |s| s.tokens.start)
                        .is_ok()
            }
        }
    }

    /// Prominence without a parse: recency, and the first person-like mention of a sentence
    /// as its subject.
    fn flat_prominence(&self, j: usize, d: u32, want_person: bool) -> f32 {
        let d = d as f32;
        let mut s = 1.0 / (1.0 + d);
        if self.subject[j] {
            s += if d == 0.0 {
                1.0
            } else if d <= 1.0 {
                1.5
            } else {
                0.6
            };
        }
        if d == 0.0 {
            s += if want_person { 0.5 } else { 1.5 };
        }
        s
    }

    /// Whether sentence `s`'s parse has a root without a subject.
    fn subjectless(&self, s: u32) -> bool {
        let syn = &self.doc.syntax;
        self.doc
            .sentences
            .get(s as usize)
            .and_then(|s| syn.root_in(s.tokens.clone()))
            .is_some_and(|r| syn.subject(r).is_none())
    }

    /// The cluster of the mention covering token `t`, if any.
    fn cluster_at_token(&self, t: usize) -> Option<usize> {
        let doc = self.doc;
        let span = doc.tokens.get(t)?.span;
        let k = doc.mentions.partition_point(|m| m.span.end <= span.start);
        doc.mentions[k..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| m.span.start < span.end)
            .find(|(_, m)| m.span.start <= span.start && span.end <= m.span.end)
            .and_then(|(x, _)| self.of[k + x])
    }

    /// The best prominence of an unnamed noun phrase that could be the pronoun's antecedent:
    /// a governing subject in the same sentence or the previous sentence's main subject that no
    /// resolved mention covers, singular and of the pronoun's kind (a person noun, an
    /// unrecognized name or an unresolved pronoun of its gender for `he`/`she`; an unrecognized
    /// name, or for a bare `it` any noun).
    fn unnamed_rival(
        &self,
        p: usize,
        sent: u32,
        governing: &[usize],
        gender: Gender,
        possessive: bool,
    ) -> f32 {
        let doc = self.doc;
        let syn = &doc.syntax;
        let want_person = matches!(gender, Gender::Male | Gender::Female);
        let fits = |t: usize, from_prev: bool| {
            if self.cluster_at_token(t).is_some() {
                return false;
            }
            // An unresolved `he`/`she` governing the pronoun is its likely antecedent (`he
            // travelled with Roe to X, where he studied`): the pronoun is not given to another
            // person of its gender. Only a governing one: the previous sentence's unresolved
            // subject measured no better on our dev gold or GUM train.
            if self.at_pronoun(t) {
                return !from_prev
                    && lexicon::pronoun(doc.token_text(t))
                        .is_some_and(|q| q.person == 3 && q.gender == gender && want_person);
            }
            // A title before a name (`Home Secretary Jane Doe`) is that person, no rival.
            let sub = syn.subtree(t);
            let named = (sub.start..sub.end.min(sub.start + 12)).any(|k| {
                self.cluster_at_token(k)
                    .is_some_and(|c| (self.clusters[c].etype == EntityType::Person) == want_person)
            });
            if named {
                return false;
            }
            let upos = syntactic::upos(doc, t);
            let singular = matches!(syn.xpos(t), Xpos::Nn | Xpos::Nnp);
            let lemma = syn.lemma(t).to_lowercase();
            let person_noun =
                lexicon::speech::is_speaker_head(&lemma) || lexicon::title(&lemma).is_some();
            singular
                && match upos {
                    Upos::Propn => true,
                    Upos::Noun if want_person => person_noun,
                    Upos::Noun => !possessive && !person_noun,
                    _ => false,
                }
        };
        let mut best = 0.0f32;
        for &t in governing {
            if fits(t, false) {
                best = best.max(prominence(doc, 0, t, governing));
            }
        }
        let prev = sent
            .checked_sub(1)
            .and_then(|s| doc.sentences.get(s as usize));
        if let Some(s) = prev {
            let subj = syn
                .root_in(s.tokens.clone())
                .and_then(|r| syn.subject(r))
                .filter(|&t| t < p);
            if let Some(t) = subj.filter(|&t| fits(t, true)) {
                best = best.max(prominence(doc, 1, t, governing));
            }
        }
        best
    }

    /// Whether token `t` is a pronoun (a pronoun subject stands for someone resolved already,
    /// or for no one: not an unnamed rival either way).
    fn at_pronoun(&self, t: usize) -> bool {
        self.doc.syntax.upos(t) == Upos::Pron
    }

    /// When pronoun mention `i` is a verb's object (`invited her`, `told him`, not the
    /// possessive `her help`), the cluster of its sentence's subject if no clause boundary
    /// (`that`, `who`, `said`, a comma...) separates them: by binding, `Doe invited her` is not
    /// Doe herself, while `Doe said Roe would visit him` may be Doe.
    fn clause_subject_of_object(&self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let m = &doc.mentions[i];
        let word = self.text(i).to_lowercase();
        let k = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
        let object = match word.as_str() {
            "him" => true,
            "her" => match doc.tokens.get(k + 1) {
                None => true,
                Some(_) => {
                    let next = doc.token_text(k + 1);
                    !next.chars().next().is_some_and(char::is_alphanumeric)
                        || CorefCue::AfterObject.has(&next.to_lowercase())
                }
            },
            _ => false,
        };
        // `with her`, `for him`: a preposition's object may still be the subject's own
        // (`Doe took a bag with him`).
        let after_verb = k > 0 && {
            let p = doc.token_text(k - 1);
            p.chars().all(char::is_lowercase) && !CorefCue::BeforeNonSubject.has(p)
        };
        if !object || !after_verb {
            return None;
        }
        // The sentence's subject: the closest earlier mention marked as such (bounded).
        let lo = i.saturating_sub(12);
        let j = (lo..i)
            .rev()
            .take_while(|&j| doc.mentions[j].sentence == m.sentence)
            .find(|&j| self.subject[j])?;
        // Only a subject that opens its sentence or an introductory phrase (`On Friday, Doe`):
        // the first person mentioned may be an object (`accused of neglecting their child`).
        let start = doc
            .tokens
            .partition_point(|t| t.span.end <= doc.mentions[j].span.start);
        let sent_start = doc
            .sentences
            .get(m.sentence as usize)
            .map_or(start, |s| s.tokens.start);
        let opens = (sent_start.max(start.saturating_sub(25))..start)
            .rev()
            .take_while(|&q| {
                !matches!(doc.token_text(q), "," | ":" | "-" | "\u{2013}" | "\u{2014}")
            })
            .all(|q| {
                let t = doc.token_text(q);
                is_capitalized(t) || lexicon::opens_nominal(t) || t == "'s"
            });
        if !opens {
            return None;
        }
        let from = doc
            .tokens
            .partition_point(|t| t.span.start < doc.mentions[j].span.end);
        // Bounded: a subject far away is likely in another clause.
        if k.saturating_sub(from) > 25 {
            return None;
        }
        let boundary = (from..k).any(|q| {
            let t = doc.token_text(q);
            CorefCue::ObjectBoundary.has(&t.to_lowercase())
                || (t == "to"
                    && doc
                        .tokens
                        .get(q + 1)
                        .is_some_and(|_| doc.token_text(q + 1).chars().all(char::is_lowercase)))
        });
        if boundary {
            return None;
        }
        self.of[j]
    }

    /// Pass 3: an unresolved indefinite nominal (`a senior official`) followed, at the start of
    /// the same or the next sentence, by a newly introduced person name.
    fn cataphora(&mut self) {
        let doc = self.doc;
        let mut first_seen: HashMap<usize, usize> = HashMap::new();
        for (i, c) in self.of.iter().enumerate() {
            if let Some(c) = c {
                first_seen.entry(*c).or_insert(i);
            }
        }
        for i in 0..doc.mentions.len() {
            let m = &doc.mentions[i];
            if m.kind != MentionKind::Nominal || self.of[i].is_some() {
                continue;
            }
            let start_tok = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
            let indefinite = start_tok > 0
                && matches!(
                    doc.token_text(start_tok - 1).to_lowercase().as_str(),
                    "a" | "an"
                );
            if !indefinite {
                continue;
            }
            let next = doc.mentions[i + 1..].iter().take(12).position(|n| {
                n.kind == MentionKind::Name
                    && n.entity_type == EntityType::Person
                    && n.sentence <= m.sentence + 1
            });
            if let Some(n) = next.map(|p| p + i + 1) {
                let nm = &doc.mentions[n];
                let c = self.of[n];
                let introduces = c.is_some_and(|c| first_seen.get(&c) == Some(&n));
                // In one sentence, only with no verb between (`a senior official, Jane Doe,`):
                // `A judge ordered journalist Jane Doe back to prison` names someone else.
                let end_tok = doc.tokens.partition_point(|t| t.span.start < m.span.end);
                let name_tok = doc.tokens.partition_point(|t| t.span.end <= nm.span.start);
                let verb_between = (end_tok..name_tok.min(doc.syntax.len()))
                    .any(|k| matches!(doc.syntax.upos(k), Upos::Verb | Upos::Aux));
                let same = nm.sentence == m.sentence && !verb_between;
                if introduces && (self.subject[n] || same) {
                    self.of[i] = c;
                }
            }
        }
    }
}

impl Resolver<'_, '_> {
    /// Pass 4: first-person singular pronouns inside a direct quote belong to its speaker:
    /// `"I agree," said Jane Doe`, `"..." she said`, `Jane Doe said: "I ..."`.
    fn quotes(&mut self) {
        let doc = self.doc;
        let toks = &doc.tokens;
        for (o, c, speaker) in self.quote_speakers() {
            // Only the mentions inside the quote (mentions are sorted by start).
            let lo = doc
                .mentions
                .partition_point(|m| m.span.start < toks[o].span.end);
            let hi = doc
                .mentions
                .partition_point(|m| m.span.start < toks[c].span.start);
            for i in lo..hi {
                let m = &doc.mentions[i];
                if m.kind != MentionKind::Pronoun || self.of[i].is_some() {
                    continue;
                }
                let inside = toks[o].span.end <= m.span.start && m.span.end <= toks[c].span.start;
                // `we` is the speaker's state or group, never the speaker alone.
                let first = lexicon::pronoun(m.span.slice(doc.text))
                    .is_some_and(|p| p.person == 1 && p.number == Number::Singular);
                if inside && first {
                    self.of[i] = Some(speaker);
                }
            }
        }
    }

    /// Direct quotes whose speaker is resolved so far, as (opening token, closing token,
    /// speaker cluster): `"...," X said`, `"..." said X`, `X said: "..."`.
    fn quote_speakers(&self) -> Vec<(usize, usize, usize)> {
        let doc = self.doc;
        let toks = &doc.tokens;
        // Person-like mentions by start token.
        let mut at: HashMap<usize, usize> = HashMap::new();
        for (i, m) in doc.mentions.iter().enumerate() {
            if self.of[i].is_some() && person_like(doc, m) {
                at.insert(toks.partition_point(|t| t.span.end <= m.span.start), i);
            }
        }
        const WINDOW: usize = 6;
        /// Most tokens between a quote and the unattributed quote that continues it.
        const MAX_QUOTE_GAP: usize = 30;
        let mut out = Vec::new();
        let mut last: Option<(usize, usize)> = None;
        for (o, c) in quote_regions(doc) {
            // The person mention of a window holding a speech verb; before the quote, the one
            // nearest to it within the same sentence (`Doe left. Roe said: "..."` is Roe's).
            // A continued quote (`"..." Doe said. "..."`) may look across the period.
            let speaker_in = |a: usize, b: usize, across: bool| -> Option<usize> {
                let b = b.min(toks.len());
                let before_quote = b == o;
                let a = if before_quote && !across {
                    (a..b)
                        .rev()
                        .find(|&k| matches!(doc.token_text(k), "." | "!" | "?"))
                        .map_or(a, |k| k + 1)
                } else {
                    a
                };
                if !(a..b).any(|k| lexicon::speech::is_speaker_cue(doc.token_text(k))) {
                    return None;
                }
                let mention = |k: usize| at.get(&k).and_then(|&m| self.of[m]);
                if before_quote {
                    (a..b).rev().find_map(mention)
                } else {
                    (a..b).find_map(mention)
                }
            };
            // `"...," X said` / `"..." said X`: the quote ends with a comma or the attribution
            // follows in lowercase; `X said: "..."`: a colon or comma opens the quote.
            let tail_attr = c > 0 && doc.token_text(c - 1) == ","
                || (c + 1 < toks.len()
                    && doc
                        .token_text(c + 1)
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase));
            let head_attr = o > 0 && matches!(doc.token_text(o - 1), ":" | ",");
            let after = || {
                tail_attr
                    .then(|| speaker_in(c + 1, c + 1 + WINDOW, false))
                    .flatten()
            };
            let before = || {
                head_attr
                    .then(|| speaker_in(o.saturating_sub(WINDOW), o, false))
                    .flatten()
            };
            let continued = || speaker_in(o.saturating_sub(WINDOW), o, true);
            // A quote with no attribution of its own that follows, in the same paragraph, a
            // quote whose speaker is known, with no other person named between, continues it
            // (`"...," said X, a Y at Z. "..."`).
            let previous = || {
                last.filter(|&(pc, sp)| {
                    o - pc <= MAX_QUOTE_GAP
                        && !doc.paragraph_break(toks[pc].span.end, toks[o].span.start)
                        && !(pc + 1..o).any(|k| at.get(&k).is_some_and(|&m| self.of[m] != Some(sp)))
                })
                .map(|(_, sp)| sp)
            };
            if let Some(speaker) = after().or_else(before).or_else(continued).or_else(previous) {
                out.push((o, c, speaker));
                last = Some((c, speaker));
            }
        }
        out
    }
}

impl Resolver<'_, '_> {
    /// Pass 5 (interviews only): the first person of an answer is its speaker (the interviewee,
    /// or the person the answer introduces), the second person of a question the interviewee.
    fn interview(&mut self) {
        let Some(layout) = self.layout.take() else {
            return;
        };
        let doc = self.doc;
        let main = self.interviewee(&layout);
        // Byte spans of direct quotes: someone else's words inside an answer.
        let quoted: Vec<Span> = quote_regions(doc)
            .into_iter()
            .map(|(o, c)| Span::new(doc.tokens[o].span.start, doc.tokens[c].span.end))
            .collect();
        let in_quote = |at: usize| {
            let k = quoted.partition_point(|q| q.end <= at);
            quoted.get(k).is_some_and(|q| q.start <= at)
        };
        let mut turn: Option<(Span, Option<usize>)> = None;
        for i in 0..doc.mentions.len() {
            let m = &doc.mentions[i];
            if m.kind != MentionKind::Pronoun || self.of[i].is_some() || in_quote(m.span.start) {
                continue;
            }
            if m.source == interview::YOU {
                if interview::in_question(&layout, m.span.start) {
                    self.of[i] = main;
                }
                continue;
            }
            let first_singular = lexicon::pronoun(m.span.slice(doc.text))
                .is_some_and(|p| p.person == 1 && p.number == Number::Singular);
            if !first_singular {
                continue;
            }
            let Some(a) = interview::answer_at(&layout, m.span.start) else {
                continue;
            };
            if turn.is_none_or(|(t, _)| t != a) {
                turn = Some((a, self.turn_speaker(a).or(main)));
            }
            self.of[i] = turn.and_then(|t| t.1);
        }
    }

    /// The person the introduction is most about: name mentions count 1, other mentions 0.5;
    /// mentions in the headline (first paragraph) count double, in a sentence about the interview
    /// (`Wikinews interviewed her`) 3 more; photo credits (`Image: Jane Doe`) do not count, and a
    /// person never named in full (`Jane Doe`) counts half: interviewees are introduced in full.
    fn interviewee(&self, layout: &interview::Layout) -> Option<usize> {
        let doc = self.doc;
        let end = layout.intro_end();
        let headline_end = doc.paragraphs.get(1).copied().unwrap_or(doc.text.len());
        let about_interview = |sent: u32| {
            doc.sentences.get(sent as usize).is_some_and(|s| {
                s.tokens.clone().any(|k| {
                    let w = doc.token_text(k);
                    w.get(..9)
                        .is_some_and(|p| p.eq_ignore_ascii_case("interview"))
                })
            })
        };
        let mut score: HashMap<usize, (f32, usize, bool)> = HashMap::new();
        let mut interview_sentence: Option<(u32, bool)> = None;
        for (i, m) in doc.mentions.iter().enumerate() {
            if m.span.start >= end {
                break;
            }
            let Some(c) = self.of[i] else { continue };
            if self.clusters[c].etype != EntityType::Person || self.is_credit(i) {
                continue;
            }
            let mut w = if m.kind == MentionKind::Name {
                1.0
            } else {
                0.5
            };
            if m.span.start < headline_end {
                w *= 2.0;
            }
            if interview_sentence.is_none_or(|(s, _)| s != m.sentence) {
                interview_sentence = Some((m.sentence, about_interview(m.sentence)));
            }
            if interview_sentence.is_some_and(|(_, yes)| yes) {
                w += 3.0;
            }
            let full = m.kind == MentionKind::Name && self.text(i).split_whitespace().count() > 1;
            let e = score.entry(c).or_insert((0.0, i, false));
            e.0 += w;
            e.2 |= full;
        }
        score
            .into_iter()
            .map(|(c, (s, first, full))| (c, if full { s } else { s / 2.0 }, first))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)))
            .map(|(c, _, _)| c)
    }

    /// `Image: Jane Doe`, `Photo: ...`: a credit, not a subject of the text.
    fn is_credit(&self, i: usize) -> bool {
        let doc = self.doc;
        let k = doc
            .tokens
            .partition_point(|t| t.span.end <= doc.mentions[i].span.start);
        k >= 2
            && doc.token_text(k - 1) == ":"
            && CorefCue::CreditLabel.has(&doc.token_text(k - 2).to_ascii_lowercase())
    }

    /// The person an answer names as its speaker: `Jane Doe: ...` at its start, or a
    /// self-introduction `I'm Jane Doe` / `I am Jane Doe` / `my name is Jane Doe`.
    fn turn_speaker(&self, a: Span) -> Option<usize> {
        let doc = self.doc;
        let lo = doc.mentions.partition_point(|m| m.span.start < a.start);
        for i in lo..doc.mentions.len() {
            let m = &doc.mentions[i];
            if m.span.start >= a.end {
                break;
            }
            if m.kind != MentionKind::Name || m.entity_type != EntityType::Person {
                continue;
            }
            let before = doc.text.get(a.start..m.span.start).unwrap_or("").trim_end();
            let after = doc.text.get(m.span.end..a.end).unwrap_or("").trim_start();
            let label = before.is_empty() && after.starts_with(':');
            // Only the few words before the name matter (bounded, whatever the paragraph).
            let tail =
                &before[crate::text::floor_boundary(before, before.len().saturating_sub(16))..];
            let lower = tail.to_lowercase().replace('\u{2019}', "'");
            let intro = ["i'm", "i am", "my name is"].iter().any(|p| {
                lower.strip_suffix(p).is_some_and(|rest| {
                    rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric())
                })
            });
            if label || intro {
                if let Some(c) = self.of[i] {
                    return Some(c);
                }
            }
        }
        None
    }
}

/// Direct quotes as (opening, closing) token indices; a paragraph break closes an open quote.
fn quote_regions(doc: &Doc<'_>) -> Vec<(usize, usize)> {
    let toks = &doc.tokens;
    let mut open: Option<usize> = None;
    let mut regions: Vec<(usize, usize)> = Vec::new();
    for k in 0..toks.len() {
        if k > 0 && doc.paragraph_break(toks[k - 1].span.end, toks[k].span.start) {
            open = None;
        }
        match doc.token_text(k) {
            "\u{201C}" => open = Some(k),
            "\u{201D}" => {
                if let Some(o) = open.take() {
                    regions.push((o, k));
                }
            }
            "\"" => match open.take() {
                Some(o) => regions.push((o, k)),
                None => open = Some(k),
            },
            _ => {}
        }
    }
    regions
}

/// Head noun of a title key: `secretary of state` → `secretary`, `foreign minister` → `minister`.
fn title_head(k: &str) -> &str {
    let core = k.split(" of ").next().unwrap_or(k);
    let core = core.split(" for ").next().unwrap_or(core);
    core.rsplit(' ').next().unwrap_or(core)
}

fn register(titled: &mut HashMap<String, Vec<usize>>, k: &str, c: usize) {
    if !k.starts_with("head:") {
        register(titled, &format!("head:{}", title_head(k)), c);
    }
    let v = titled.entry(k.to_string()).or_default();
    v.retain(|&x| x != c);
    v.push(c);
    if v.len() > MAX_PER_WORD {
        v.remove(0);
    }
}

/// Prominence of an antecedent headed by token `h`, `d` sentences before a pronoun whose
/// governing subjects are `governing` (nearest clause first).
fn prominence(doc: &Doc<'_>, d: u32, h: usize, governing: &[usize]) -> f32 {
    use syntactic::Role;
    let b = syntactic::role_bearer(doc, h);
    let role = syntactic::role(doc, b);
    match d {
        0 => match governing.iter().position(|&g| g == h || g == b) {
            Some(r) => (3.0 - 0.5 * r as f32).max(2.0),
            // Earlier in the same sentence (a fronted clause, a coordinated clause) before
            // the previous sentence's main subject, as Hobbs's left-to-right search does.
            None => match role {
                Role::MainSubject | Role::Subject => 2.2,
                Role::Object => 1.6,
                Role::Other => 1.3,
            },
        },
        _ if role == Role::MainSubject => main_subject_score(d),
        1 => match role {
            Role::Subject => 1.2,
            Role::Object => 0.8,
            _ => 0.6,
        },
        2 => match role {
            Role::Subject => 0.6,
            _ => 0.4,
        },
        _ => 0.3,
    }
}

/// Prominence of a main clause's subject `d` (at least 1) sentences back.
fn main_subject_score(d: u32) -> f32 {
    match d {
        0 | 1 => 2.0,
        2 => 1.0,
        _ => 0.6,
    }
}

fn person_like(doc: &Doc<'_>, m: &MentionCandidate) -> bool {
    match m.kind {
        MentionKind::Name | MentionKind::Nominal => m.entity_type == EntityType::Person,
        MentionKind::Pronoun => lexicon::pronoun(m.span.slice(doc.text))
            .is_some_and(|p| matches!(p.gender, Gender::Male | Gender::Female)),
    }
}

/// Turns clusters into `doc.entities` (ids by first mention) and fills `doc.mention_entity`.
fn build_entities(doc: &mut Doc<'_>, clusters: Vec<Option<usize>>) {
    let n_sent = doc.sentences.len().max(1) as f32;
    // Cluster → mention indices, in text order; keep clusters with at least one name.
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut order: Vec<usize> = Vec::new();
    for (i, c) in clusters.iter().enumerate() {
        if let Some(c) = c {
            let v = members.entry(*c).or_default();
            if v.is_empty() {
                order.push(*c);
            }
            v.push(i);
        }
    }
    let mut entities = Vec::new();
    let mut mention_entity = vec![None; doc.mentions.len()];
    let mut raw_salience = Vec::new();
    for c in order {
        let ms = &members[&c];
        let named: Vec<usize> = ms
            .iter()
            .copied()
            .filter(|&i| doc.mentions[i].kind == MentionKind::Name)
            .collect();
        if named.is_empty() {
            continue;
        }
        // Type: the lexicon's, else the most frequent among the names.
        let lex = named
            .iter()
            .filter(|&&i| doc.mentions[i].source != retype::SOURCE)
            .find_map(|&i| names().get(doc.mentions[i].span.slice(doc.text)));
        let etype = lex.map(|e| e.entity_type).unwrap_or_else(|| {
            let mut counts: HashMap<EntityType, usize> = HashMap::new();
            for &i in &named {
                *counts.entry(doc.mentions[i].entity_type).or_default() += 1;
            }
            counts
                .into_iter()
                .max_by_key(|&(t, n)| (n, std::cmp::Reverse(t)))
                .map_or(EntityType::Person, |x| x.0)
        });
        let canonical = match lex {
            Some(e) if e.kind != NameKind::Demonym => e.canonical.to_string(),
            _ => {
                let best = named
                    .iter()
                    .copied()
                    .max_by_key(|&i| {
                        let t = doc.mentions[i].span.slice(doc.text);
                        (
                            t.split_whitespace().count(),
                            !is_all_caps(t),
                            t.len(),
                            std::cmp::Reverse(i),
                        )
                    })
                    .unwrap_or(named[0]);
                doc.mentions[best]
                    .span
                    .slice(doc.text)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        };
        let mut external_ids = std::collections::BTreeMap::new();
        if let Some(e) = lex.filter(|e| e.kind == NameKind::Country) {
            if let Some(iso) = e.iso2 {
                external_ids.insert("iso3166".to_string(), iso.to_string());
            }
        }
        let mut sal = 0.0f32;
        for &i in ms {
            let m = &doc.mentions[i];
            sal += match m.kind {
                MentionKind::Name => 1.0,
                MentionKind::Nominal => 0.7,
                MentionKind::Pronoun => 0.5,
            };
        }
        let first = doc.mentions[ms[0]].sentence as f32;
        sal += 2.0 * (1.0 - first / n_sent);
        raw_salience.push(sal);
        let idx = entities.len();
        for &i in ms {
            mention_entity[i] = Some(idx);
        }
        entities.push(Entity {
            id: format!("e{}", idx + 1),
            entity_type: etype,
            canonical_name: canonical,
            mentions: ms
                .iter()
                .map(|&i| {
                    let m = &doc.mentions[i];
                    Mention {
                        span: m.span,
                        text: m.span.slice(doc.text).to_string(),
                        kind: m.kind,
                        sentence: m.sentence,
                    }
                })
                .collect(),
            salience: 0.0,
            external_ids,
        });
    }
    let max = raw_salience.iter().copied().fold(0.0f32, f32::max);
    for (e, s) in entities.iter_mut().zip(raw_salience) {
        e.salience = if max > 0.0 {
            (s / max).clamp(0.0, 1.0)
        } else {
            0.0
        };
    }
    doc.entities = entities;
    doc.mention_entity = mention_entity;
}

#[cfg(test)]
mod tests;
