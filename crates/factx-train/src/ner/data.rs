//! Training and evaluation data: GUM CoNLL-U (entities in MISC `Entity=` brackets) and
//! CoNLL-style IOB/BIO column files (UNER-EWT), both read into `Sentence`s whose gold spans use
//! the CoNLL convention (no leading "the", no possessive "'s", no title before a person's name).
//!
//! GUM → OntoNotes mapping, for mentions whose syntactic head is a proper noun (NNP/NNPS):
//! - person → PERSON; a plural proper head that is a demonym/group word (`Americans`) → NORP;
//!   other plural proper heads are left unsure (no training signal).
//! - organization → ORG, unless its name is a country/state/city (national teams,
//!   governments by metonymy) → GPE.
//! - place → GPE by default; LOC for continents/regions and names holding a geographic word
//!   (river, lake, mount...); FAC when the last word is a facility word (airport, bridge...).
//! - event → EVENT; object → PRODUCT.
//! - abstract → LANGUAGE (language lexicon) or LAW (act, treaty, constitution...), else unsure.
//! - substance, animal, plant → unsure; time, quantity → not entities.
//! - capitalized demonyms outside any mention (`the Australian government`) → NORP.
//!
//! Mentions with a common-noun head: a person's name after the head (`biologist Nick Bos`) →
//! PERSON; a place's proper-noun modifiers before it (`the Kowloon West constituency`) → place.
//! Proper nouns outside every mention are modifiers (`the US team`): known places → GPE,
//! demonyms → NORP, anything else unsure.
//!
//! The name span is the run of name-like tokens around the head inside the mention (capitalized
//! or NNP tokens, digits, and `of`/`and`/`&`/`-` between name tokens; inside person names only
//! particles like `von`/`de`/`bin`), minus a leading "the" and, for persons, leading titles
//! (`President`, `Mr.`); a country before a title (`US President`) becomes its own GPE.

use std::fs;
use std::io;
use std::path::Path;

use factx_core::model::EntityType;
use factx_core::ner::gazetteer as gz;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoldSpan {
    /// First token index.
    pub start: usize,
    /// One past the last token index.
    pub end: usize,
    pub entity_type: EntityType,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    /// Sorted, non-overlapping.
    pub spans: Vec<GoldSpan>,
    /// Per token: the gold label is unknown, training makes no update there. Empty = all known.
    pub unsure: Vec<bool>,
    /// Source document id (`GUM_news_iodine`), for genre filtering.
    pub doc_id: String,
}

impl Sentence {
    pub fn is_unsure(&self, i: usize) -> bool {
        self.unsure.get(i).copied().unwrap_or(false)
    }
}

/// All `*.conllu` files of a directory, in file-name order.
pub fn read_gum_dir(dir: &Path) -> io::Result<Vec<Sentence>> {
    let mut files: Vec<_> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.extend(parse_gum(&fs::read_to_string(&f)?, &stem));
    }
    Ok(out)
}

/// One CoNLL-U token row, as much as the reader needs.
struct Row<'a> {
    form: &'a str,
    upos: &'a str,
    xpos: &'a str,
    /// 0-based head index, `None` for the root.
    head: Option<usize>,
    misc: &'a str,
}

/// Parses GUM CoNLL-U text; `doc_id` is used until a `# newdoc id =` line names another.
pub fn parse_gum(text: &str, doc_id: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut doc = doc_id.to_string();
    let mut rows: Vec<Row> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !rows.is_empty() {
                out.push(gum_sentence(&rows, &doc));
                rows.clear();
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("# newdoc id =") {
            doc = rest.trim().to_string();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 10 || c[0].contains('-') || c[0].contains('.') {
            continue;
        }
        rows.push(Row {
            form: c[1],
            upos: c[3],
            xpos: c[4],
            head: c[6].parse::<usize>().ok().and_then(|h| h.checked_sub(1)),
            misc: c[9],
        });
    }
    out
}

/// An entity mention of GUM: token range, type and Wikipedia identity (may be empty).
struct GumMention {
    start: usize,
    end: usize,
    etype: String,
}

fn gum_mentions(rows: &[Row]) -> Vec<GumMention> {
    let mut open: Vec<(String, String, usize)> = Vec::new(); // (id, type, start)
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let Some(ent) = r.misc.split('|').find_map(|kv| kv.strip_prefix("Entity=")) else {
            continue;
        };
        let b = ent.as_bytes();
        let mut k = 0;
        while k < b.len() {
            if b[k] == b'(' {
                let s = k + 1;
                let mut j = s;
                while j < b.len() && b[j] != b'(' && b[j] != b')' {
                    j += 1;
                }
                let attrs = &ent[s..j];
                let mut parts = attrs.split('-');
                let id = parts.next().unwrap_or("").to_string();
                let etype = parts.next().unwrap_or("").to_string();
                if j < b.len() && b[j] == b')' {
                    out.push(GumMention {
                        start: i,
                        end: i + 1,
                        etype,
                    });
                    j += 1;
                } else {
                    open.push((id, etype, i));
                }
                k = j;
            } else {
                let s = k;
                let mut j = s;
                while j < b.len() && b[j] != b')' && b[j] != b'(' {
                    j += 1;
                }
                let id = &ent[s..j];
                if let Some(p) = open.iter().rposition(|(oid, _, _)| oid == id) {
                    let (_, etype, start) = open.remove(p);
                    out.push(GumMention {
                        start,
                        end: i + 1,
                        etype,
                    });
                }
                k = if j < b.len() && b[j] == b')' {
                    j + 1
                } else {
                    j
                };
            }
        }
    }
    out
}

fn is_proper(r: &Row) -> bool {
    r.upos == "PROPN" || r.xpos.starts_with("NNP")
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

fn name_like(r: &Row) -> bool {
    is_proper(r)
        || (starts_upper(r.form) && !matches!(r.upos, "PRON" | "DET" | "CCONJ" | "ADP" | "PUNCT"))
        || (!r.form.is_empty() && r.form.bytes().all(|b| b.is_ascii_digit()))
}

/// Lower-case words that may join two name parts (`Bank of England`). In person names only
/// particles (`von der`): `of` and `and` there join a person to a place or to another person.
fn connector(form: &str, person: bool) -> bool {
    match form {
        "de" | "del" | "la" | "von" | "van" | "der" | "da" | "bin" | "al" | "-" => true,
        "of" | "and" | "&" | "for" | "on" => !person,
        _ => false,
    }
}

/// The name run around `head` inside `[start, end)`.
fn name_run(rows: &[Row], start: usize, end: usize, head: usize, person: bool) -> (usize, usize) {
    let (mut s, mut e) = (head, head + 1);
    loop {
        if s > start && name_like(&rows[s - 1]) {
            s -= 1;
        } else if s > start + 1 && connector(rows[s - 1].form, person) && name_like(&rows[s - 2]) {
            s -= 2;
        } else {
            break;
        }
    }
    loop {
        if e < end && name_like(&rows[e]) {
            e += 1;
        } else if e + 1 < end && connector(rows[e].form, person) && name_like(&rows[e + 1]) {
            e += 2;
        } else {
            break;
        }
    }
    (s, e)
}

fn lower_join(rows: &[Row], s: usize, e: usize) -> String {
    rows[s..e]
        .iter()
        .map(|r| r.form.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// GPE, LOC or FAC for a place name, by lexicon.
pub fn place_type(words_lower: &[String]) -> EntityType {
    let phrase = words_lower.join(" ");
    if gz::is(&phrase, gz::COUNTRY | gz::STATE | gz::CITY) {
        return EntityType::Gpe;
    }
    if gz::is(&phrase, gz::REGION) {
        return EntityType::Loc;
    }
    if words_lower.len() > 1 {
        if let Some(last) = words_lower.last() {
            if gz::word_flags(last) & gz::FAC_WORD != 0 {
                return EntityType::Fac;
            }
        }
    }
    if words_lower.len() > 1
        && words_lower
            .iter()
            .any(|w| gz::word_flags(w) & gz::LOC_WORD != 0)
    {
        return EntityType::Loc;
    }
    EntityType::Gpe
}

enum Label {
    Type(EntityType),
    Unsure,
    Outside,
}

fn gum_sentence(rows: &[Row], doc: &str) -> Sentence {
    let n = rows.len();
    let mut cands: Vec<(usize, usize, Label)> = Vec::new();
    for m in gum_mentions(rows) {
        if m.start >= m.end || m.end > n {
            continue;
        }
        let head = (m.start..m.end)
            .find(|&i| rows[i].head.is_none_or(|h| h < m.start || h >= m.end))
            .unwrap_or(m.start);
        if matches!(m.etype.as_str(), "time" | "quantity") {
            // Dates and amounts are never names, whatever their head (`late September`).
            cands.push((m.start, m.end, Label::Outside));
            continue;
        }
        if !is_proper(&rows[head]) {
            // `pan-democrat Eddie Chu`, `biologist Nick Bos`: a person described by a common
            // noun head with the name after it; the name is a PERSON in CoNLL terms.
            if m.etype == "person" {
                if let Some(p) = (head + 1..m.end).find(|&i| is_proper(&rows[i])) {
                    let (s, e) = name_run(rows, p, m.end, p, true);
                    if s == p && !matches!(rows[p].form, "-" | "'s") {
                        cands.push((s, e, Label::Type(EntityType::Person)));
                    }
                }
            }
            // `the New Territories West geographical constituency`: a place named by its
            // proper-noun modifiers.
            if m.etype == "place" {
                if let Some(p) = (m.start..head).find(|&i| is_proper(&rows[i])) {
                    let (s, e) = name_run(rows, p, head, p, false);
                    if s == p && e < head + 1 {
                        let words: Vec<String> =
                            rows[s..e].iter().map(|r| r.form.to_lowercase()).collect();
                        cands.push((s, e, Label::Type(place_type(&words))));
                    }
                }
            }
            continue;
        }
        let (mut s, e) = name_run(rows, m.start, m.end, head, m.etype == "person");
        if e - s > 1 && rows[s].form.eq_ignore_ascii_case("the") {
            s += 1;
        }
        if m.etype == "person" {
            // Titles are not part of the name; a country before a title (`US President`) is
            // a name of its own.
            while e - s > 1 {
                let w = rows[s].form.to_lowercase();
                let next_title =
                    s + 1 < e && gz::word_flags(&rows[s + 1].form.to_lowercase()) & gz::TITLE != 0;
                if gz::word_flags(&w) & gz::TITLE != 0 || w == "-" {
                    cands.push((s, s + 1, Label::Outside));
                    s += 1;
                } else if next_title && gz::is(&w, gz::COUNTRY | gz::STATE | gz::CITY) {
                    cands.push((s, s + 1, Label::Type(EntityType::Gpe)));
                    s += 1;
                } else if next_title && gz::is(&w, gz::DEMONYM) {
                    cands.push((s, s + 1, Label::Type(EntityType::Norp)));
                    s += 1;
                } else {
                    break;
                }
            }
        }
        let words: Vec<String> = rows[s..e].iter().map(|r| r.form.to_lowercase()).collect();
        let phrase = lower_join(rows, s, e);
        let head_lower = rows[head].form.to_lowercase();
        let label = match m.etype.as_str() {
            "person" => {
                if e - s == 1 && gz::word_flags(&head_lower) & gz::TITLE != 0 {
                    Label::Outside
                } else if rows[head].xpos == "NNPS" {
                    if gz::is(&head_lower, gz::DEMONYM) {
                        Label::Type(EntityType::Norp)
                    } else {
                        Label::Unsure
                    }
                } else {
                    Label::Type(EntityType::Person)
                }
            }
            "organization" => {
                if gz::is(&phrase, gz::COUNTRY | gz::STATE | gz::CITY) {
                    Label::Type(EntityType::Gpe)
                } else {
                    Label::Type(EntityType::Org)
                }
            }
            "place" => Label::Type(place_type(&words)),
            "event" => Label::Type(EntityType::Event),
            "object" => Label::Type(EntityType::Product),
            "abstract" => {
                if gz::is(&phrase, gz::LANGUAGE) {
                    Label::Type(EntityType::Language)
                } else if words.iter().any(|w| gz::word_flags(w) & gz::LAW_WORD != 0) {
                    Label::Type(EntityType::Law)
                } else {
                    Label::Unsure
                }
            }
            "time" | "quantity" => Label::Outside,
            _ => Label::Unsure,
        };
        cands.push((s, e, label));
    }
    // Outermost names win; nested ones (a city inside an organization's name) are dropped.
    cands.sort_by_key(|(s, e, _)| (std::cmp::Reverse(e - s), *s));
    let mut taken = vec![false; n];
    let mut unsure = vec![false; n];
    // Known not to be names: dates, titles stripped from names.
    let mut outside = vec![false; n];
    let mut spans = Vec::new();
    for (s, e, label) in cands {
        match label {
            Label::Type(t) => {
                if taken[s..e].iter().any(|&x| x) {
                    continue;
                }
                taken[s..e].iter_mut().for_each(|x| *x = true);
                spans.push(GoldSpan {
                    start: s,
                    end: e,
                    entity_type: t,
                });
            }
            Label::Unsure => {
                for i in s..e {
                    if !taken[i] {
                        unsure[i] = true;
                    }
                }
            }
            Label::Outside => outside[s..e].iter_mut().for_each(|x| *x = true),
        }
    }
    // Proper nouns outside any annotated mention are modifiers (`the US team`, `Apple
    // products`): names in CoNLL terms. Known places and demonyms are labelled, others unsure.
    let mut i = 0;
    while i < n {
        let r = &rows[i];
        if taken[i] || unsure[i] || outside[i] {
            i += 1;
            continue;
        }
        if !is_proper(r) {
            if starts_upper(r.form) && gz::is(&r.form.to_lowercase(), gz::DEMONYM) {
                taken[i] = true;
                spans.push(GoldSpan {
                    start: i,
                    end: i + 1,
                    entity_type: EntityType::Norp,
                });
            }
            i += 1;
            continue;
        }
        let mut e = i + 1;
        while e < n && !taken[e] && !unsure[e] && !outside[e] && is_proper(&rows[e]) {
            e += 1;
        }
        let phrase = lower_join(rows, i, e);
        let label = if gz::is(&phrase, gz::COUNTRY | gz::STATE | gz::CITY) {
            Some(EntityType::Gpe)
        } else if e == i + 1 && gz::is(&phrase, gz::DEMONYM) {
            Some(EntityType::Norp)
        } else {
            None
        };
        match label {
            Some(t) => {
                taken[i..e].iter_mut().for_each(|x| *x = true);
                spans.push(GoldSpan {
                    start: i,
                    end: e,
                    entity_type: t,
                });
            }
            None => unsure[i..e].iter_mut().for_each(|x| *x = true),
        }
        i = e;
    }
    // A span that an unsure mention covered in part stays; its tokens are sure.
    for sp in &spans {
        unsure[sp.start..sp.end].iter_mut().for_each(|x| *x = false);
    }
    spans.sort();
    Sentence {
        tokens: rows.iter().map(|r| r.form.to_string()).collect(),
        spans,
        unsure: if unsure.iter().any(|&u| u) {
            unsure
        } else {
            Vec::new()
        },
        doc_id: doc.to_string(),
    }
}

/// Reads a CoNLL-style column file with IOB1/IOB2/BIO tags: `index token tag ...` (UNER) or
/// `token ... tag` (CoNLL). Types PER/PERSON, ORG, LOC (→ GPE/LOC/FAC by lexicon), GPE, FAC,
/// and the OntoNotes labels are read as such. MISC mixes nationalities with events, works and
/// products: a demonym (`Syrian`) is NORP, any other MISC span is unsure (no training signal,
/// not scored). Documents start at `# newdoc id = ID` (UD) or `# doc = ID` lines; a file
/// without them is one document.
pub fn read_conll_iob(path: &Path) -> io::Result<Vec<Sentence>> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(parse_conll_iob(&fs::read_to_string(path)?, &stem))
}

pub fn parse_conll_iob(text: &str, doc_id: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut doc = doc_id.to_string();
    let mut toks: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with("-DOCSTART-") {
            if !toks.is_empty() {
                out.push(iob_sentence(std::mem::take(&mut toks), &tags, &doc));
                tags.clear();
            }
            continue;
        }
        if let Some(rest) = line
            .strip_prefix("# newdoc id =")
            .or_else(|| line.strip_prefix("# doc ="))
        {
            doc = rest.trim().to_string();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else {
            line.split_whitespace().collect()
        };
        let (tok, tag) = if c.len() >= 3 && c[0].parse::<usize>().is_ok() {
            (c[1], c[2])
        } else if c.len() >= 2 {
            (c[0], c[c.len() - 1])
        } else {
            continue;
        };
        toks.push(tok.to_string());
        tags.push(tag.to_string());
    }
    out
}

fn iob_type(label: &str, words_lower: &[String]) -> Label {
    Label::Type(match label {
        "PER" | "PERSON" => EntityType::Person,
        "ORG" => EntityType::Org,
        "LOC" => place_type(words_lower),
        "MISC" if gz::is(&words_lower.join(" "), gz::DEMONYM) => EntityType::Norp,
        "MISC" => return Label::Unsure,
        other => match EntityType::from_label(other) {
            Some(t) => t,
            None => return Label::Outside,
        },
    })
}

fn iob_sentence(tokens: Vec<String>, tags: &[String], doc: &str) -> Sentence {
    let mut spans = Vec::new();
    let mut unsure = vec![false; tokens.len()];
    let mut cur: Option<(usize, String)> = None;
    let mut close = |cur: &mut Option<(usize, String)>, end: usize, spans: &mut Vec<GoldSpan>| {
        if let Some((s, label)) = cur.take() {
            let words: Vec<String> = tokens[s..end].iter().map(|t| t.to_lowercase()).collect();
            match iob_type(&label, &words) {
                Label::Type(t) => spans.push(GoldSpan {
                    start: s,
                    end,
                    entity_type: t,
                }),
                Label::Unsure => unsure[s..end].iter_mut().for_each(|u| *u = true),
                Label::Outside => {}
            }
        }
    };
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, label) = match tag.split_once('-') {
            Some((p, l)) => (p, l),
            None => ("O", ""),
        };
        match prefix {
            "B" | "S" | "U" => {
                close(&mut cur, i, &mut spans);
                cur = Some((i, label.to_string()));
            }
            "I" | "E" | "L" => {
                if cur.as_ref().is_none_or(|(_, l)| l != label) {
                    close(&mut cur, i, &mut spans);
                    cur = Some((i, label.to_string()));
                }
            }
            _ => close(&mut cur, i, &mut spans),
        }
    }
    close(&mut cur, tokens.len(), &mut spans);
    Sentence {
        tokens,
        spans,
        unsure: if unsure.contains(&true) {
            unsure
        } else {
            Vec::new()
        },
        doc_id: doc.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUM: &str = "# newdoc id = GUM_news_test
# text = Mr. John Smith visited the United States.
1\tMr.\tMr.\tPROPN\tNNP\t_\t3\tcompound\t_\tEntity=(1-person-new-sssss-cf1-3-coref
2\tJohn\tJohn\tPROPN\tNNP\t_\t3\tflat\t_\t_
3\tSmith\tSmith\tPROPN\tNNP\t_\t4\tnsubj\t_\tEntity=1)
4\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_
5\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\tEntity=(2-place-new-sssss-cf2-1-sgl-United_States
6\tUnited\tUnited\tPROPN\tNNP\t_\t7\tcompound\t_\t_
7\tStates\tStates\tPROPN\tNNPS\t_\t4\tobj\t_\tEntity=2)|SpaceAfter=No
8\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

1\tHis\this\tPRON\tPRP$\t_\t2\tnmod:poss\t_\tEntity=(3-person-giv-sssss-cf1-1-coref(1-person-giv-sssss-cf1-1-ana)
2\tfriend\tfriend\tNOUN\tNN\t_\t0\troot\t_\tEntity=3)
3\tspoke\tspeak\tVERB\tVBD\t_\t2\tacl\t_\t_
4\tEnglish\tEnglish\tPROPN\tNNP\t_\t3\tobj\t_\tEntity=(4-abstract-new-sssss-cf1-1-sgl)
";

    #[test]
    fn gum_names_follow_conll_convention() {
        let s = parse_gum(GUM, "x");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].doc_id, "GUM_news_test");
        assert_eq!(
            s[0].spans,
            vec![
                GoldSpan {
                    start: 1,
                    end: 3,
                    entity_type: EntityType::Person
                },
                GoldSpan {
                    start: 5,
                    end: 7,
                    entity_type: EntityType::Gpe
                },
            ]
        );
        assert_eq!(
            s[1].spans,
            vec![GoldSpan {
                start: 3,
                end: 4,
                entity_type: EntityType::Language
            }]
        );
    }

    #[test]
    fn iob_reader_maps_types() {
        let text = "# text = x\n1\tMaria\tB-PER\t-\t-\n2\tlives\tO\t-\t-\n3\tin\tO\t-\t-\n4\tLake\tB-LOC\t-\t-\n5\tComo\tI-LOC\t-\t-\n\nParis NNP B-LOC\nrocks VBZ O\n";
        let s = parse_conll_iob(text, "t");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens.len(), 5);
        assert_eq!(
            s[0].spans,
            vec![
                GoldSpan {
                    start: 0,
                    end: 1,
                    entity_type: EntityType::Person
                },
                GoldSpan {
                    start: 3,
                    end: 5,
                    entity_type: EntityType::Loc
                },
            ]
        );
        assert_eq!(
            s[1].spans,
            vec![GoldSpan {
                start: 0,
                end: 1,
                entity_type: EntityType::Gpe
            }]
        );
    }

    #[test]
    fn iob_reader_reads_doc_lines_and_misc() {
        let text = "# doc = a\nSyrian\tB-MISC\nfans\tO\nwatched\tO\nthe\tO\nWorld\tB-MISC\nCup\tI-MISC\n\n# doc = b\nHi\tO\n";
        let s = parse_conll_iob(text, "file");
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].doc_id.as_str(), s[1].doc_id.as_str()), ("a", "b"));
        assert_eq!(
            s[0].spans,
            vec![GoldSpan {
                start: 0,
                end: 1,
                entity_type: EntityType::Norp
            }]
        );
        let unsure: Vec<bool> = (0..6).map(|i| s[0].is_unsure(i)).collect();
        assert_eq!(unsure, [false, false, false, false, true, true]);
        assert!(s[1].unsure.is_empty());
    }
}
