//! ROLE and AFFILIATION facts from titles and memberships:
//! - pre-nominal titles: `Foreign Secretary Jane Doe`, `Deputy Prime Minister and Foreign Minister
//!   X` (two roles), `Army Chief General X` (office `Army Chief`, rank `General`), `US President X`
//!   (organization from the modifier);
//! - appositives: `X, the US acting under secretary for political affairs,`;
//! - copular and relative clauses: `X, who is an official within the Y administration`;
//! - memberships: `X's election as a non-permanent member of the Y for the 2025-2026 term`,
//!   `X joined Y`, `X was appointed foreign minister`;
//! - definite nominal mentions that coreference linked to a person: `the foreign secretary`.

use std::ops::Range;

use super::clause;
use super::view::{MentionRef, View};
use super::{ent_arg, new_fact, text_arg, time_arg};
use crate::doc::Doc;
use crate::lexicon::facts::{self as lx, FactWord};
use crate::model::{EntityType, Fact, FactType, MentionKind, Span};

fn is_org_like(t: EntityType) -> bool {
    matches!(t, EntityType::Org | EntityType::Gpe | EntityType::Norp)
}

/// Capitalized words that may open a sentence or clause but never belong to a title.
fn is_title_stopword(w: &str) -> bool {
    FactWord::TitleStopword.has(w)
}

pub fn extract(doc: &Doc<'_>, v: &View) -> Vec<Fact> {
    let mut out = Vec::new();
    for (sent, sspan) in &v.sents {
        for m in v.mentions_starting_in(sent.clone()) {
            if m.etype != EntityType::Person {
                continue;
            }
            match m.kind {
                MentionKind::Name => {
                    prenominal(doc, v, sent, *sspan, m, &mut out);
                    appositive(doc, v, sent, *sspan, m, &mut out);
                    copular(doc, v, sent, *sspan, m, &mut out);
                }
                MentionKind::Nominal => nominal(doc, v, *sspan, m, &mut out),
                MentionKind::Pronoun => copular(doc, v, sent, *sspan, m, &mut out),
            }
        }
        memberships(doc, v, sent, *sspan, &mut out);
    }
    out
}

/// A title phrase split into its office and a trailing military rank.
struct Title {
    office: Option<Range<usize>>,
    rank: Option<Range<usize>>,
}

/// Splits `Army Chief General` into office `Army Chief` and rank `General`; `General` alone or
/// `Lt Gen` are a rank only; `Secretary General` is an office.
fn split_rank(v: &View, r: Range<usize>) -> Title {
    let words: Vec<&str> = r.clone().map(|k| v.w(k)).collect();
    let n = words.len();
    let whole = Title {
        office: Some(r.clone()),
        rank: None,
    };
    if n == 0 || !lx::is_rank_head(words[n - 1]) {
        return whole;
    }
    if words[n - 1] == "general" && n >= 2 && lx::is_general_office(words[n - 2]) {
        return whole;
    }
    let mut s = n - 1;
    while s > 0 && lx::is_rank(words[s - 1]) {
        s -= 1;
    }
    let has_office = |s: usize| {
        words[..s]
            .iter()
            .any(|w| lx::is_title_head(w) && !lx::is_rank_head(w))
    };
    while s < n && !has_office(s) {
        s += 1;
    }
    if s == n {
        return Title {
            office: None,
            rank: Some(r),
        };
    }
    Title {
        office: Some(r.start..r.start + s),
        rank: Some(r.start + s..r.end),
    }
}

/// Drops words at both ends that cannot start or end a title (`and`, `of`, `the`, `Mr`, `former`).
fn trim_title(v: &View, mut r: Range<usize>) -> Range<usize> {
    let edge = |w: &str| {
        matches!(w, "and" | "of" | "for" | "the" | "a" | "an" | "," | "&")
            || lx::is_honorific(w)
            || lx::is_title_qualifier(w)
    };
    while r.start < r.end && edge(v.w(r.start)) {
        r.start += 1;
    }
    while r.start < r.end && edge(v.w(r.end - 1)) {
        r.end -= 1;
    }
    r
}

fn has_head(v: &View, r: &Range<usize>) -> bool {
    r.clone()
        .any(|k| lx::is_title_head(v.w(k)) || lx::is_rank_head(v.w(k)))
}

fn title_text<'a>(v: &View<'a>, r: &Range<usize>) -> &'a str {
    let s = v.span_of(r);
    v.text.get(s.start..s.end).unwrap_or("")
}

/// `Afghan ambassador`: the office belongs to the country the demonym names, when the article
/// names that country; otherwise the demonym entity itself.
fn country_of_demonym(doc: &Doc<'_>, v: &View, e: usize) -> usize {
    let ent = &doc.entities[e];
    if ent.entity_type != EntityType::Norp {
        return e;
    }
    crate::lexicon::names()
        .get(&ent.canonical_name)
        .and_then(|n| n.iso2)
        .and_then(|iso| v.country_by_iso.get(iso).copied())
        .unwrap_or(e)
}

#[allow(clippy::too_many_arguments)]
fn push_role(
    doc: &Doc<'_>,
    v: &View,
    sspan: Span,
    person: usize,
    title: &Range<usize>,
    org: Option<usize>,
    extractor: &str,
    confidence: f32,
    out: &mut Vec<Fact>,
) {
    // `chief financial officer and treasurer`: two offices, one fact each.
    if let Some(c) = title.clone().find(|&k| matches!(v.w(k), "and" | "&")) {
        let (l, r) = (
            trim_title(v, title.start..c),
            trim_title(v, c + 1..title.end),
        );
        if has_head(v, &l) && has_head(v, &r) {
            for part in [l, r] {
                push_role(
                    doc, v, sspan, person, &part, org, extractor, confidence, out,
                );
            }
            return;
        }
    }
    // `a member`, `an official`: a position, not an office.
    if !title.clone().any(|k| {
        (lx::is_title_head(v.w(k)) && !lx::is_generic_position(v.w(k))) || lx::is_rank_head(v.w(k))
    }) {
        return;
    }
    let text = title_text(v, title);
    if text.is_empty() {
        return;
    }
    let org = org.map(|o| country_of_demonym(doc, v, o));
    let mut f = new_fact(
        FactType::Role,
        "hold office",
        v.span_of(title),
        sspan,
        extractor,
        confidence,
    );
    f.arguments.push(ent_arg(doc, "person", person));
    f.arguments.push(text_arg("title", text));
    if let Some(o) = org {
        f.arguments.push(ent_arg(doc, "organization", o));
    }
    out.push(f);
}

#[allow(clippy::too_many_arguments)]
fn push_affiliation(
    doc: &Doc<'_>,
    trigger: Span,
    sspan: Span,
    member: usize,
    org: usize,
    extractor: &str,
    confidence: f32,
    out: &mut Vec<Fact>,
) -> usize {
    let mut f = new_fact(
        FactType::Affiliation,
        "member of",
        trigger,
        sspan,
        extractor,
        confidence,
    );
    f.arguments.push(ent_arg(doc, "member", member));
    f.arguments.push(ent_arg(doc, "organization", org));
    out.push(f);
    out.len() - 1
}

/// Title words directly before a person's name (or at the start of its mention).
fn prenominal(
    doc: &Doc<'_>,
    v: &View,
    sent: &Range<usize>,
    sspan: Span,
    m: &MentionRef,
    out: &mut Vec<Fact>,
) {
    let titleish = |k: usize| {
        let w = v.w(k);
        lx::is_title_word(w) || lx::is_honorific(w) || lx::is_title_qualifier(w)
    };
    // Title words inside the mention itself (`General Syed X` tagged as one name).
    let mut ns = m.toks.start;
    while ns + 1 < m.toks.end && (titleish(ns) || matches!(v.w(ns), "of" | "and")) {
        ns += 1;
    }
    let stripped_office = (m.toks.start..ns).any(|k| {
        let w = v.w(k);
        lx::is_title_head(w) || lx::is_rank_head(w) || lx::is_honorific(w)
    });
    if m.toks.end - ns < 2 || !stripped_office {
        // `Dean Kamen`, `King Arthur`: the first word is the name itself.
        ns = m.toks.start;
    }
    let lo = m.toks.start.saturating_sub(12).max(sent.start);
    let mut k = m.toks.start;
    let mut org = None;
    while k > lo {
        let j = k - 1;
        let w = v.w(j);
        if let Some(om) = v.mention(j) {
            if is_org_like(om.etype) && om.entity != m.entity {
                org = Some(om.entity);
            }
            break;
        }
        if lx::is_possessive(w) {
            if let Some(om) = j.checked_sub(1).and_then(|p| v.mention(p)) {
                if is_org_like(om.etype) {
                    org = Some(om.entity);
                }
            }
            break;
        }
        let unknown_cap = v.is_cap(j)
            && j > sent.start
            && v.time_at[j].is_none()
            && !is_title_stopword(w)
            && k < ns
            && titleish(k);
        let ok = titleish(j)
            || matches!(w, "of" | "and" | "for")
            || (w == "the" && j > sent.start && v.w(j - 1) == "of")
            || unknown_cap;
        if !ok {
            break;
        }
        k = j;
    }
    // `Director of the [National Study]`: a title never ends in `of the` before a name; the
    // `name` is a mistyped organization.
    let before_name = m.toks.start.checked_sub(1).map_or("", |b| v.w(b));
    if (ns > k && matches!(v.w(ns - 1), "of" | "the" | "for"))
        || matches!(before_name, "of" | "the" | "for")
    {
        return;
    }
    let region = trim_title(v, k..ns);
    if region.is_empty() || !has_head(v, &region) {
        return;
    }
    // Coordinated offices: `Deputy Prime Minister and Foreign Minister`.
    let mut parts = Vec::new();
    let mut a = region.start;
    for p in region.clone() {
        if v.w(p) == "and" {
            let left = trim_title(v, a..p);
            if has_head(v, &left) {
                parts.push(left);
                a = p + 1;
            }
        }
    }
    let last = trim_title(v, a..region.end);
    if has_head(v, &last) {
        parts.push(last);
    } else if let Some(prev) = parts.pop() {
        // `Minister for Trade and Industry`: the tail has no head, so the `and` was internal.
        parts.push(prev.start..region.end);
    }
    for part in parts {
        let t = split_rank(v, part);
        if let Some(o) = &t.office {
            let o = trim_title(v, o.clone());
            if !o.is_empty() {
                push_role(
                    doc,
                    v,
                    sspan,
                    m.entity,
                    &o,
                    org,
                    "rule:role/prenominal",
                    0.85,
                    out,
                );
            }
        }
        if let Some(r) = &t.rank {
            if !v.is_cap(r.start) {
                // `a major donor`: a lowercase rank word is an adjective.
                continue;
            }
            let conf = if t.office.is_some() { 0.5 } else { 0.7 };
            push_role(doc, v, sspan, m.entity, r, org, "rule:role/rank", conf, out);
        }
    }
    // A nationality (`Chinese Foreign Minister`) names no organization to be a member of.
    if let Some(o) = org.filter(|&o| doc.entities[o].entity_type != EntityType::Norp) {
        let trig = v.span_of(&(k..ns.max(k + 1)));
        push_affiliation(
            doc,
            trig,
            sspan,
            m.entity,
            o,
            "rule:affiliation/title-org",
            0.5,
            out,
        );
    }
}

fn is_event_word(w: &str) -> bool {
    // (Not the verbs of saying that need a clause: `show`, `report` are nouns as often.)
    !lx::is_title_word(w)
        && ((lx::statement_verb(w).is_some() && !lx::needs_clause(w) && !lx::needs_quote(w))
            || lx::travel_verb(w).is_some()
            || lx::is_meet_verb(w)
            || lx::is_visit_verb(w)
            || FactWord::EventAuxiliary.has(w))
}

/// `X, the US acting under secretary for political affairs,` → title, organization from the
/// modifier or from a trailing `of/at/for ORG`.
fn appositive(
    doc: &Doc<'_>,
    v: &View,
    sent: &Range<usize>,
    sspan: Span,
    m: &MentionRef,
    out: &mut Vec<Fact>,
) {
    let mut j = v.after_mention(m);
    if v.w(j) != "," || j + 1 >= sent.end {
        return;
    }
    // `X, 54, a former senator`: skip the age.
    if v.kinds.get(j + 1) == Some(&crate::doc::TokenKind::Number) && v.w(j + 2) == "," {
        j += 2;
    }
    let start = j + 1;
    let mut end = start;
    while end < sent.end
        && end - start < 16
        && !matches!(
            v.w(end),
            "," | ";" | "." | "(" | ")" | ":" | "—" | "–" | "\"" | "“" | "”"
        )
    {
        end += 1;
    }
    if end == start || end - start >= 16 {
        return;
    }
    if (start..end)
        .any(|k| matches!(v.w(k), "who" | "which" | "that" | "whose") || is_event_word(v.w(k)))
    {
        return;
    }
    let first = v.w(start);
    let opens = lx::is_determiner(first)
        || lx::is_title_word(first)
        || lx::is_title_qualifier(first)
        || v.mentions_starting_in(start..start + 1)
            .iter()
            .any(|x| is_org_like(x.etype));
    if !opens {
        return;
    }
    let mut k = start;
    if matches!(first, "the" | "a" | "an") {
        k += 1;
    }
    while k < end && lx::is_title_qualifier(v.w(k)) {
        k += 1;
    }
    // `the country's foreign minister`: a possessor that is no entity is not part of the title.
    if let Some(p) = (k..(k + 3).min(end)).find(|&p| lx::is_possessive(v.w(p))) {
        if !(k..p).any(|q| v.mention(q).is_some()) {
            k = p + 1;
        }
    }
    let mut org = None;
    // An organization or country modifier, possibly nested in a nominal mention of the person
    // (`the [[US] acting under secretary]`).
    if let Some(om) = v
        .mentions_starting_in(k..k + 1)
        .iter()
        .find(|x| is_org_like(x.etype))
    {
        org = Some(om.entity);
        k = v.after_mention(om);
    } else if v
        .mention(k)
        .is_some_and(|x| x.etype != EntityType::Person || x.kind == MentionKind::Name)
    {
        return;
    }
    let (tend, named) = complement_cut(v, k, end);
    org = org.or(named);
    if tend <= k {
        return;
    }
    let title = k..tend;
    let specific = title
        .clone()
        .any(|p| lx::is_title_head(v.w(p)) && !lx::is_generic_position(v.w(p)));
    let any_head = title.clone().any(|p| lx::is_title_head(v.w(p)));
    if !any_head {
        return;
    }
    if specific {
        push_role(
            doc,
            v,
            sspan,
            m.entity,
            &title,
            org,
            "rule:role/appositive",
            0.8,
            out,
        );
    }
    if let Some(o) = org.filter(|&o| doc.entities[o].entity_type != EntityType::Norp) {
        let trig = v.span_of(&(start..end));
        push_affiliation(
            doc,
            trig,
            sspan,
            m.entity,
            o,
            "rule:affiliation/appositive",
            0.6,
            out,
        );
    }
}

/// Where a title's complement names something (`president of the International Brotherhood of
/// Magicians`, `professor at X`): the title ends before the preposition, and the named
/// organization, if it is an entity that ends where its name ends, is the role's organization.
fn complement_cut(v: &View, k: usize, end: usize) -> (usize, Option<usize>) {
    for p in k..end {
        if !FactWord::ComplementPrep.has(v.w(p)) {
            continue;
        }
        let mut q = p + 1;
        while q < end && lx::is_determiner(v.w(q)) {
            q += 1;
        }
        if q >= end || !(v.is_cap(q) || v.mention(q).is_some()) {
            continue;
        }
        // `Secretary of State`, `Minister of Education`: a capitalized complement made of office
        // words belongs to the title.
        let mut r = q;
        while r < end && v.is_cap(r) && v.mention(r).is_none() && lx::is_title_modifier(v.w(r)) {
            r += 1;
        }
        if r > q && (r == end || !v.is_cap(r)) {
            continue;
        }
        let org = v
            .mention(q)
            .filter(|om| is_org_like(om.etype) && !v.is_cap(v.after_mention(om)))
            .map(|om| om.entity);
        return (p, org);
    }
    (end, None)
}

/// `X, who is a senior official within the Y administration` / `X is a member of Y`.
fn copular(
    doc: &Doc<'_>,
    v: &View,
    sent: &Range<usize>,
    sspan: Span,
    m: &MentionRef,
    out: &mut Vec<Fact>,
) {
    let mut j = v.after_mention(m);
    if v.w(j) == "," && matches!(v.w(j + 1), "who" | "which") {
        j += 2;
    }
    let cop_start = j;
    while j < sent.end && FactWord::CopulaLink.has(v.w(j)) {
        j += 1;
    }
    if j == cop_start {
        // `X, who heads the Y`, `X leads Y`: leadership is membership too.
        let lead = FactWord::LeadVerb.has(v.w(j));
        if !lead {
            return;
        }
        let mut q = j + 1;
        while q < sent.end && lx::is_determiner(v.w(q)) {
            q += 1;
        }
        if let Some(om) = v
            .mention(q)
            .filter(|o| o.etype == EntityType::Org && o.entity != m.entity)
        {
            let trig = v.span_of(&(j..om.toks.end));
            push_affiliation(
                doc,
                trig,
                sspan,
                m.entity,
                om.entity,
                "rule:affiliation/leads",
                0.75,
                out,
            );
        }
        return;
    }
    let np_start = j;
    let lim = (np_start + 10).min(sent.end);
    while j < lim && !lx::is_membership_prep(v.w(j)) && !v.is_punct(j) && v.mention(j).is_none() {
        j += 1;
    }
    if j >= lim || !lx::is_membership_prep(v.w(j)) {
        // `X is the country's foreign minister.` / `X was the prime minister`: a definite title
        // phrase that ends the clause is a role without a stated organization.
        let ends = j >= sent.end || v.is_punct(j) || matches!(v.w(j), "and" | "but" | "since");
        if ends && v.w(np_start) == "the" {
            let mut a = np_start + 1;
            if let Some(p) = (a..j.min(a + 3)).find(|&p| lx::is_possessive(v.w(p))) {
                a = p + 1;
            }
            let np = trim_title(v, a..j);
            let all_title = np
                .clone()
                .all(|k| lx::is_title_word(v.w(k)) || lx::is_title_qualifier(v.w(k)));
            let specific = np
                .clone()
                .any(|k| lx::is_title_head(v.w(k)) && !lx::is_generic_position(v.w(k)));
            if !np.is_empty() && all_title && specific {
                push_role(
                    doc,
                    v,
                    sspan,
                    m.entity,
                    &np,
                    None,
                    "rule:role/copular",
                    0.65,
                    out,
                );
            }
        }
        return;
    }
    let np = trim_title(v, np_start..j);
    if np.is_empty() || !np.clone().any(|k| lx::is_title_head(v.w(k))) {
        return;
    }
    let mut q = j + 1;
    while q < sent.end && lx::is_determiner(v.w(q)) {
        q += 1;
    }
    let Some(om) = v.mention(q) else { return };
    if !is_org_like(om.etype) || om.entity == m.entity || v.is_cap(v.after_mention(om)) {
        // `at Massachusetts Institute of Technology` with only `Massachusetts` recognized.
        return;
    }
    let org = om.entity;
    let specific = np
        .clone()
        .any(|k| lx::is_title_head(v.w(k)) && !lx::is_generic_position(v.w(k)));
    if specific {
        push_role(
            doc,
            v,
            sspan,
            m.entity,
            &np,
            Some(org),
            "rule:role/copular",
            0.7,
            out,
        );
    }
    let trig = v.span_of(&(np_start..om.toks.end));
    push_affiliation(
        doc,
        trig,
        sspan,
        m.entity,
        org,
        "rule:affiliation/copular",
        0.75,
        out,
    );
}

/// `the foreign secretary` linked by coreference to a person: that person holds the office.
fn nominal(doc: &Doc<'_>, v: &View, sspan: Span, m: &MentionRef, out: &mut Vec<Fact>) {
    let definite = |k: usize| v.w(k) == "the";
    let mut k = m.toks.start;
    // `Peru's foreign minister` is as definite as `the foreign minister`.
    let owned = v
        .mentions_starting_in(k..k + 1)
        .iter()
        .any(|x| is_org_like(x.etype) && x.toks.end < m.toks.end && v.possessive_after(x));
    if definite(k) {
        k += 1;
    } else if !owned && (k == 0 || !definite(k - 1)) {
        return;
    }
    if m.toks.len() > 8 {
        return;
    }
    let mut org = None;
    if let Some(om) = v
        .mentions_starting_in(k..k + 1)
        .iter()
        .find(|x| x.toks.end < m.toks.end && is_org_like(x.etype))
    {
        org = Some(om.entity);
        k = v.after_mention(om);
    }
    let mut end = m.toks.end;
    if let Some(p) = (k..end).find(|&p| matches!(v.w(p), "of" | "at" | "in" | "within")) {
        if v.mentions_starting_in(p + 1..end)
            .iter()
            .any(|x| is_org_like(x.etype))
        {
            end = p;
        }
    }
    // A nominal mention may stop before its office's complement (`under secretary` + `for
    // political affairs`): extend over a `for/of` phrase made only of title words.
    if end == m.toks.end && matches!(v.w(end), "for" | "of") {
        let mut q = end + 1;
        while q < v.len() && q < end + 5 && v.mention(q).is_none() && lx::is_title_modifier(v.w(q))
        {
            q += 1;
        }
        if q > end + 1 && !lx::is_title_modifier(v.w(q)) {
            end = q;
        }
    }
    let r = trim_title(v, k..end);
    let specific = r
        .clone()
        .any(|p| lx::is_title_head(v.w(p)) && !lx::is_generic_position(v.w(p)));
    let all_titleish = r.clone().all(|p| {
        let w = v.w(p);
        lx::is_title_word(w) || matches!(w, "of" | "for" | "and") || !v.is_cap(p)
    });
    if r.is_empty() || !specific || !all_titleish {
        return;
    }
    push_role(
        doc,
        v,
        sspan,
        m.entity,
        &r,
        org,
        "rule:role/nominal-coref",
        0.55,
        out,
    );
}

/// Possessor right before token `i` (`Peru’s election`).
fn possessor_before(v: &View, sent: &Range<usize>, i: usize) -> Option<usize> {
    for back in 1..=2 {
        if i < sent.start + back {
            break;
        }
        if let Some(m) = v.mention(i - back) {
            if v.after_mention(m) == i && (v.possessive_after(m) || v.w(i - back) == "its") {
                return Some(m.entity);
            }
            if m.kind == MentionKind::Pronoun
                && matches!(v.w(i - back), "his" | "her" | "their" | "its")
                && back == 1
            {
                return Some(m.entity);
            }
        }
    }
    None
}

/// Membership nominals and verbs: `X's election as a member of Y`, `X was elected to Y`,
/// `X joined Y`, `X was appointed foreign minister`.
fn memberships(doc: &Doc<'_>, v: &View, sent: &Range<usize>, sspan: Span, out: &mut Vec<Fact>) {
    for i in sent.clone() {
        let w = v.w(i);
        if !lx::is_membership_trigger(w) || v.mention(i).is_some() {
            continue;
        }
        let nominal = FactWord::MembershipNoun.has(w);
        let member = if nominal {
            possessor_before(v, sent, i).or_else(|| {
                (v.w(i + 1) == "of")
                    .then(|| v.mention(i + 2).map(|m| m.entity))
                    .flatten()
            })
        } else {
            let p = clause::prelude(v, sent, i);
            clause::subject(v, sent, &p, None).and_then(|s| {
                (s.entities.len() == 1 && !s.plural_unresolved).then(|| s.entities[0])
            })
        };
        let Some(member) = member else { continue };
        let lim = (i + 14).min(sent.end);
        let mut pos_start = i + 1;
        while pos_start < lim && matches!(v.w(pos_start), "as" | "to" | "of") {
            if v.w(pos_start) == "of" {
                // `the election of X as ...`: skip the member.
                if let Some(m) = v.mention(pos_start + 1) {
                    pos_start = v.after_mention(m);
                    continue;
                }
            }
            pos_start += 1;
        }
        // Direct object organization: `joined the alliance`, `elected to the council`.
        let direct = {
            let mut q = pos_start;
            while q < lim && lx::is_determiner(v.w(q)) {
                q += 1;
            }
            v.mention(q).filter(|m| m.etype == EntityType::Org).cloned()
        };
        let mut found: Option<(MentionRef, Range<usize>)> = None;
        if let Some(d) = direct {
            found = Some((d, pos_start..pos_start));
        } else {
            for p in pos_start..lim {
                if v.is_punct(p) || v.mention(p).is_some() {
                    break;
                }
                if matches!(v.w(p), "of" | "on" | "to" | "in") {
                    let mut q = p + 1;
                    while q < lim && lx::is_determiner(v.w(q)) {
                        q += 1;
                    }
                    if let Some(om) = v.mention(q).filter(|m| m.etype == EntityType::Org) {
                        found = Some((om.clone(), pos_start..p));
                    }
                    break;
                }
            }
        }
        let position = {
            let r = trim_title(
                v,
                found.as_ref().map_or(pos_start..pos_start, |f| f.1.clone()),
            );
            r
        };
        match found {
            Some((org, _)) if org.entity != member => {
                let trig = Span::new(v.spans[i].start, org.span.end);
                let idx = push_affiliation(
                    doc,
                    trig,
                    sspan,
                    member,
                    org.entity,
                    "rule:affiliation/membership",
                    0.8,
                    out,
                );
                if !position.is_empty() {
                    out[idx]
                        .arguments
                        .push(text_arg("position", title_text(v, &position)));
                }
                let after = org.toks.end..(org.toks.end + 8).min(sent.end);
                if let Some(t) = clause::time_in(v, after, org.toks.end) {
                    out[idx].arguments.push(time_arg(doc, t));
                }
                if doc.entities[member].entity_type == EntityType::Person
                    && position
                        .clone()
                        .any(|k| lx::is_title_head(v.w(k)) && !lx::is_generic_position(v.w(k)))
                {
                    push_role(
                        doc,
                        v,
                        sspan,
                        member,
                        &position,
                        Some(org.entity),
                        "rule:role/membership",
                        0.7,
                        out,
                    );
                }
            }
            Some(_) => {}
            None => {
                // `X was appointed foreign minister`: a role without an organization.
                if doc.entities[member].entity_type != EntityType::Person || nominal {
                    continue;
                }
                let mut e = pos_start;
                while e < lim
                    && (lx::is_title_word(v.w(e)) || lx::is_determiner(v.w(e)) || v.w(e) == "of")
                {
                    e += 1;
                }
                let r = trim_title(v, pos_start..e);
                if !r.is_empty()
                    && r.clone()
                        .any(|k| lx::is_title_head(v.w(k)) && !lx::is_generic_position(v.w(k)))
                {
                    push_role(
                        doc,
                        v,
                        sspan,
                        member,
                        &r,
                        None,
                        "rule:role/appointment",
                        0.7,
                        out,
                    );
                }
            }
        }
    }
}
