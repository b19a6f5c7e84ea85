//! FactSet → JSON in the scorer's format (lowerCamelCase proto3 JSON field names), by hand so
//! the core crate needs no serde. Shared by the `dump` example and the seed score test.

use factx_core::model::{FactSet, MentionKind, TimeType};

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
                // Mapped explicitly: a replace over the formatted text would also rewrite a
                // mention whose text is `Name`.
                let kind = match m.kind {
                    MentionKind::Name => "NAME",
                    MentionKind::Nominal => "NOMINAL",
                    MentionKind::Pronoun => "PRONOUN",
                };
                format!(
                    "{{\"span\":{{\"start\":{},\"end\":{}}},\"text\":{},\"kind\":\"{}\",\"sentence\":{}}}",
                    m.span.start,
                    m.span.end,
                    esc(&m.text),
                    kind,
                    m.sentence
                )
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
            e.salience.max(0.0), // `max` also turns a NaN into 0: JSON has no NaN
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
        "{{\"articleId\":{},\"offsetUnit\":\"UTF8\",\"sentences\":[{}],\"entities\":[{}],\"facts\":[{}],\"times\":[{}]}}",
        esc(&fs.article_id),
        sents.join(","),
        ents.join(","),
        facts_json(fs).join(","),
        times_json(fs).join(",")
    )
}

fn span_json(s: &factx_core::model::Span) -> String {
    format!("{{\"start\":{},\"end\":{}}}", s.start, s.end)
}

fn facts_json(fs: &FactSet) -> Vec<String> {
    use factx_core::model::{ArgValue, Modality, Polarity};
    fs.facts
        .iter()
        .map(|f| {
            let ty = f.fact_type.name();
            let args: Vec<String> = f
                .arguments
                .iter()
                .map(|a| {
                    let v = match &a.value {
                        ArgValue::Entity(e) => format!("\"entityId\":{}", esc(e)),
                        ArgValue::Text(t) => format!("\"text\":{}", esc(t)),
                        ArgValue::Time(t) => format!("\"timeId\":{}", esc(t)),
                    };
                    format!("{{\"role\":{},{}}}", esc(&a.role), v)
                })
                .collect();
            let pol = match f.polarity {
                Polarity::Positive => "POSITIVE",
                Polarity::Negative => "NEGATIVE",
            };
            let modality = match f.modality {
                Modality::Asserted => "ASSERTED",
                Modality::Reported => "REPORTED",
                Modality::Intended => "INTENDED",
                Modality::Hypothetical => "HYPOTHETICAL",
                Modality::Opinion => "OPINION",
            };
            let ev: Vec<String> = f.evidence.iter().map(span_json).collect();
            format!(
                "{{\"id\":{},\"type\":\"{}\",\"predicate\":{},\"arguments\":[{}],\"polarity\":\"{}\",\"modality\":\"{}\",\"trigger\":{},\"evidence\":[{}],\"confidence\":{:.2},\"attributedTo\":{},\"cameoCode\":{},\"extractor\":{}}}",
                esc(&f.id),
                ty,
                esc(&f.predicate),
                args.join(","),
                pol,
                modality,
                span_json(&f.trigger),
                ev.join(","),
                f.confidence,
                esc(f.attributed_to.as_deref().unwrap_or("")),
                esc(&f.cameo_code),
                esc(&f.extractor)
            )
        })
        .collect()
}

fn times_json(fs: &FactSet) -> Vec<String> {
    fs.times
        .iter()
        .map(|t| {
            let ty = match t.time_type {
                TimeType::Date => "DATE",
                TimeType::Time => "TIME",
                TimeType::Duration => "DURATION",
                TimeType::Set => "SET",
            };
            format!(
                "{{\"id\":{},\"span\":{},\"text\":{},\"value\":{},\"type\":\"{}\"}}",
                esc(&t.id),
                span_json(&t.span),
                esc(&t.text),
                esc(&t.value),
                ty
            )
        })
        .collect()
}
