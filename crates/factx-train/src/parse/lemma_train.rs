//! Learning the lemmatizer from the treebanks' lemma column: suffix rules (the most frequent
//! edit for each tag and word ending, kept only where it differs from the rule of the shorter
//! ending), then exceptions for the words the rules get wrong.

use std::collections::HashMap;

use factx_core::syntax::lemma::{exception_key, lower_form, rule_key, Lemmatizer, MAX_SUFFIX};
use factx_core::syntax::Xpos;

use super::data::Example;

type Edit = (u8, String);

/// The edit turning `base` into `lemma`: chars to strip from the end, text to add.
fn edit(base: &str, lemma: &str) -> Option<Edit> {
    let b: Vec<char> = base.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let p = b.iter().zip(&l).take_while(|(x, y)| x == y).count();
    let strip = u8::try_from(b.len() - p).ok()?;
    Some((strip, l[p..].iter().collect()))
}

fn suffix(chars: &[char], len: usize) -> String {
    chars[chars.len() - len..].iter().collect()
}

/// Learns a lemmatizer. Rules seen fewer than `min_count` times are dropped (except for
/// endings of 0 or 1 chars, the fallbacks).
pub fn train(data: &[Example], min_count: usize) -> Lemmatizer {
    // (lower form, xpos) → (form as seen first, lemma → count)
    let mut words: HashMap<(String, Xpos), (String, HashMap<String, usize>)> = HashMap::new();
    let mut lower = String::new();
    for e in data {
        for ((f, x), l) in e.forms.iter().zip(&e.xpos).zip(&e.lemmas) {
            if l.is_empty() || l == "_" {
                continue;
            }
            lower_form(f, &mut lower);
            let entry = words
                .entry((lower.clone(), *x))
                .or_insert_with(|| (f.clone(), HashMap::new()));
            *entry.1.entry(l.clone()).or_default() += 1;
        }
    }
    let mut keys: Vec<&(String, Xpos)> = words.keys().collect();
    keys.sort();
    // Majority lemma of each word.
    let majority = |k: &(String, Xpos)| -> (String, usize) {
        let (_, c) = &words[k];
        let mut v: Vec<(&String, &usize)> = c.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        (v[0].0.clone(), c.values().sum())
    };
    // Edit counts per (xpos, ending).
    let mut rule_counts: HashMap<(Xpos, String), HashMap<Edit, usize>> = HashMap::new();
    for k in &keys {
        let (low, x) = k;
        if *x == Xpos::Nnp {
            continue;
        }
        let (lemma, n) = majority(k);
        let base = if *x == Xpos::Nnps { &words[*k].0 } else { low };
        let Some(ed) = edit(base, &lemma) else {
            continue;
        };
        let chars: Vec<char> = low.chars().collect();
        for len in 0..=MAX_SUFFIX.min(chars.len()) {
            *rule_counts
                .entry((*x, suffix(&chars, len)))
                .or_default()
                .entry(ed.clone())
                .or_default() += n;
        }
    }
    let best = |c: &HashMap<Edit, usize>| -> (Edit, usize) {
        let mut v: Vec<(&Edit, &usize)> = c.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        (v[0].0.clone(), c.values().sum())
    };
    let mut rules: Vec<(u64, Edit)> = Vec::new();
    let mut rkeys: Vec<&(Xpos, String)> = rule_counts.keys().collect();
    rkeys.sort();
    for rk in rkeys {
        let (x, suf) = rk;
        let (ed, total) = best(&rule_counts[rk]);
        let len = suf.chars().count();
        if len > 1 && total < min_count {
            continue;
        }
        if len > 0 {
            let parent: String = suf.chars().skip(1).collect();
            if let Some(pc) = rule_counts.get(&(*x, parent)) {
                if best(pc).0 == ed {
                    continue;
                }
            }
        }
        rules.push((rule_key(*x, suf), ed));
    }
    let without_exceptions = Lemmatizer::new(Vec::new(), rules.clone());
    // Exceptions: words whose majority lemma the rules do not produce.
    let mut exceptions = Vec::new();
    let mut out = String::new();
    for k in &keys {
        let (low, x) = k;
        let (lemma, _) = majority(k);
        let form = &words[*k].0;
        out.clear();
        if *x == Xpos::Nnp {
            out.push_str(form);
        } else {
            let base = if *x == Xpos::Nnps { form.as_str() } else { low };
            without_exceptions.by_rules(base, low, *x, &mut out);
        }
        if out != lemma {
            exceptions.push((exception_key(low, *x), lemma));
        }
    }
    Lemmatizer::new(exceptions, rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use factx_core::syntax::{Rel, Upos};

    fn ex(words: &[(&str, Xpos, &str)]) -> Example {
        Example {
            forms: words.iter().map(|w| w.0.to_owned()).collect(),
            upos: vec![Upos::X; words.len()],
            xpos: words.iter().map(|w| w.1).collect(),
            lemmas: words.iter().map(|w| w.2.to_owned()).collect(),
            heads: vec![0; words.len()],
            rels: vec![Rel::Dep; words.len()],
            doc: String::new(),
        }
    }

    #[test]
    fn learns_suffix_rules_and_exceptions() {
        let data = vec![ex(&[
            ("cats", Xpos::Nns, "cat"),
            ("dogs", Xpos::Nns, "dog"),
            ("cities", Xpos::Nns, "city"),
            ("parties", Xpos::Nns, "party"),
            ("walked", Xpos::Vbd, "walk"),
            ("talked", Xpos::Vbd, "talk"),
            ("went", Xpos::Vbd, "go"),
            ("The", Xpos::Dt, "the"),
        ])];
        let l = train(&data, 1);
        let lem = |w: &str, x: Xpos| {
            let (mut s, mut o) = (String::new(), String::new());
            l.lemmatize(w, x, &mut s, &mut o);
            o
        };
        assert_eq!(lem("birds", Xpos::Nns), "bird");
        assert_eq!(lem("ladies", Xpos::Nns), "lady");
        assert_eq!(lem("jumped", Xpos::Vbd), "jump");
        assert_eq!(lem("went", Xpos::Vbd), "go");
        assert_eq!(lem("THE", Xpos::Dt), "the");
    }
}
