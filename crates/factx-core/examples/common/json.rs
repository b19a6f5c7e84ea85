//! FactSet → JSON in the scorer's format (lowerCamelCase proto3 JSON field names), by hand so
//! the core crate needs no serde. Shared by the `dump` example and the seed score test.

use factx_core::model::FactSet;

pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

pub fn to_json(fs: &FactSet) -> String {
    let mut ents = Vec::new();
    for e in &fs.entities {
        let ms: Vec<String> = e
            .mentions
            .iter()
            .map(|m| {
                format!(
                    "{{\"span\":{{\"start\":{},\"end\":{}}},\"text\":{},\"kind\":\"{:?}\",\"sentence\":{}}}",
                    m.span.start,
                    m.span.end,
                    esc(&m.text),
                    m.kind,
                    m.sentence
                )
                .replace("\"Name\"", "\"NAME\"")
                .replace("\"Nominal\"", "\"NOMINAL\"")
                .replace("\"Pronoun\"", "\"PRONOUN\"")
            })
            .collect();
        let ids: Vec<String> = e
            .external_ids
            .iter()
            .map(|(k, v)| format!("{}:{}", esc(k), esc(v)))
            .collect();
        ents.push(format!(
            "{{\"id\":{},\"type\":{},\"canonicalName\":{},\"salience\":{:.3},\"externalIds\":{{{}}},\"mentions\":[{}]}}",
            esc(&e.id),
            esc(e.entity_type.label()),
            esc(&e.canonical_name),
            e.salience,
            ids.join(","),
            ms.join(",")
        ));
    }
    let sents: Vec<String> = fs
        .sentences
        .iter()
        .map(|s| format!("{{\"start\":{},\"end\":{}}}", s.start, s.end))
        .collect();
    format!(
        "{{\"articleId\":{},\"offsetUnit\":\"UTF8\",\"sentences\":[{}],\"entities\":[{}],\"facts\":[],\"times\":[]}}",
        esc(&fs.article_id),
        sents.join(","),
        ents.join(",")
    )
}
