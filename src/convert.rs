//! Conversions between the wire types (`proto::v1`) and the domain types (`factx_core::model`).
//! They live here, at the edge, so the core never depends on the contract's generated code.

use chrono::{DateTime, Utc};
use factx_core::model as m;
use factx_core::Error;

use crate::proto::v1 as pb;

/// Validated options from the wire options (absent = defaults).
pub fn options_from_pb(o: Option<&pb::ExtractOptions>) -> Result<m::ExtractOptions, Error> {
    let Some(o) = o else {
        return Ok(m::ExtractOptions::default());
    };
    let offset_unit = match pb::OffsetUnit::try_from(o.offset_unit) {
        Ok(pb::OffsetUnit::Unspecified | pb::OffsetUnit::Utf8) => m::OffsetUnit::Utf8,
        Ok(pb::OffsetUnit::Utf16) => m::OffsetUnit::Utf16,
        Ok(pb::OffsetUnit::CodePoint) => m::OffsetUnit::CodePoint,
        Err(_) => {
            return Err(Error::invalid(
                "options.offset_unit",
                "UNKNOWN_OFFSET_UNIT",
                format!("unknown offset unit {}", o.offset_unit),
            ))
        }
    };
    let week_start = match pb::WeekStart::try_from(o.week_start) {
        Ok(pb::WeekStart::Unspecified | pb::WeekStart::Monday) => m::WeekStart::Monday,
        Ok(pb::WeekStart::Sunday) => m::WeekStart::Sunday,
        Err(_) => {
            return Err(Error::invalid(
                "options.week_start",
                "UNKNOWN_WEEK_START",
                format!("unknown week start {}", o.week_start),
            ))
        }
    };
    let weekday_reading = match pb::WeekdayReading::try_from(o.weekday_reading) {
        Ok(pb::WeekdayReading::Unspecified | pb::WeekdayReading::NewsPast) => {
            m::WeekdayReading::NewsPast
        }
        Ok(pb::WeekdayReading::NearestFuture) => m::WeekdayReading::NearestFuture,
        Err(_) => {
            return Err(Error::invalid(
                "options.weekday_reading",
                "UNKNOWN_WEEKDAY_READING",
                format!("unknown weekday reading {}", o.weekday_reading),
            ))
        }
    };
    let utc_offset_seconds = parse_time_zone(&o.time_zone).ok_or_else(|| {
        Error::invalid(
            "options.time_zone",
            "BAD_TIME_ZONE",
            format!(
                "time zone {:?} is not UTC, Z or a fixed offset like +05:00",
                o.time_zone
            ),
        )
    })?;
    Ok(m::ExtractOptions {
        offset_unit,
        week_start,
        utc_offset_seconds,
        include_syntax: o.include_syntax,
        weekday_reading,
    })
}

/// `""`, `UTC`, `Z`, `+05:00`, `-0300`, `+05` → seconds east of UTC.
pub fn parse_time_zone(s: &str) -> Option<i32> {
    let s = s.trim();
    if s.is_empty() || s.eq_ignore_ascii_case("utc") || s == "Z" || s.eq_ignore_ascii_case("gmt") {
        return Some(0);
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !(digits.len() == 2 || digits.len() == 4) {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let mi: i32 = if digits.len() == 4 {
        digits[2..].parse().ok()?
    } else {
        0
    };
    if h > 14 || mi > 59 {
        return None;
    }
    Some(sign * (h * 3600 + mi * 60))
}

pub fn article_from_pb(a: pb::Article) -> Result<m::Article, Error> {
    let published_at = match a.published_at {
        None => None,
        Some(ts) => Some(timestamp_to_chrono(&ts).ok_or_else(|| {
            Error::invalid(
                "article.published_at",
                "BAD_PUBLISHED_AT",
                "published_at is out of range",
            )
        })?),
    };
    Ok(m::Article {
        id: a.id,
        title: a.title,
        body: a.body,
        published_at,
        url: a.url,
        source: a.source,
        language: a.language,
    })
}

fn timestamp_to_chrono(ts: &pbjson_types::Timestamp) -> Option<DateTime<Utc>> {
    if !(0..1_000_000_000).contains(&ts.nanos) {
        return None;
    }
    DateTime::from_timestamp(ts.seconds, ts.nanos as u32)
}

fn span(s: m::Span) -> Option<pb::Span> {
    // Bodies are limited far below 4 GiB, so offsets always fit in u32.
    Some(pb::Span {
        start: s.start as u32,
        end: s.end as u32,
    })
}

fn entity_type(t: m::EntityType) -> pb::EntityType {
    use m::EntityType as T;
    match t {
        T::Person => pb::EntityType::Person,
        T::Org => pb::EntityType::Org,
        T::Gpe => pb::EntityType::Gpe,
        T::Loc => pb::EntityType::Loc,
        T::Norp => pb::EntityType::Norp,
        T::Fac => pb::EntityType::Fac,
        T::Event => pb::EntityType::Event,
        T::Product => pb::EntityType::Product,
        T::Law => pb::EntityType::Law,
        T::WorkOfArt => pb::EntityType::WorkOfArt,
        T::Language => pb::EntityType::Language,
    }
}

/// The proto's enum names are the model's names with the enum's prefix (`FACT_TYPE_ROLE`).
fn fact_type(t: m::FactType) -> pb::FactType {
    pb::FactType::from_str_name(&format!("FACT_TYPE_{}", t.name())).unwrap_or_default()
}

fn plover_category(c: Option<m::PloverCategory>) -> pb::PloverCategory {
    c.and_then(|c| pb::PloverCategory::from_str_name(&format!("PLOVER_CATEGORY_{}", c.name())))
        .unwrap_or_default()
}

fn offset_unit(u: m::OffsetUnit) -> pb::OffsetUnit {
    match u {
        m::OffsetUnit::Utf8 => pb::OffsetUnit::Utf8,
        m::OffsetUnit::Utf16 => pb::OffsetUnit::Utf16,
        m::OffsetUnit::CodePoint => pb::OffsetUnit::CodePoint,
    }
}

pub fn fact_set_to_pb(fs: m::FactSet) -> pb::FactSet {
    pb::FactSet {
        article_id: fs.article_id,
        offset_unit: offset_unit(fs.offset_unit) as i32,
        text_sha256: fs.text_sha256,
        extractor: Some(pb::Extractor {
            name: fs.extractor.name,
            version: fs.extractor.version,
            models: fs.extractor.models,
        }),
        entities: fs.entities.into_iter().map(entity_to_pb).collect(),
        facts: fs.facts.into_iter().map(fact_to_pb).collect(),
        times: fs.times.into_iter().map(time_to_pb).collect(),
        sentences: fs.sentences.into_iter().filter_map(span).collect(),
        tokens: fs.tokens.into_iter().map(token_to_pb).collect(),
    }
}

fn token_to_pb(t: m::SyntaxToken) -> pb::Token {
    use factx_core::syntax::Upos as U;
    let upos = match t.upos {
        U::Adj => pb::PartOfSpeech::Adj,
        U::Adp => pb::PartOfSpeech::Adp,
        U::Adv => pb::PartOfSpeech::Adv,
        U::Aux => pb::PartOfSpeech::Aux,
        U::Cconj => pb::PartOfSpeech::Cconj,
        U::Det => pb::PartOfSpeech::Det,
        U::Intj => pb::PartOfSpeech::Intj,
        U::Noun => pb::PartOfSpeech::Noun,
        U::Num => pb::PartOfSpeech::Num,
        U::Part => pb::PartOfSpeech::Part,
        U::Pron => pb::PartOfSpeech::Pron,
        U::Propn => pb::PartOfSpeech::Propn,
        U::Punct => pb::PartOfSpeech::Punct,
        U::Sconj => pb::PartOfSpeech::Sconj,
        U::Sym => pb::PartOfSpeech::Sym,
        U::Verb => pb::PartOfSpeech::Verb,
        U::X => pb::PartOfSpeech::X,
    };
    pb::Token {
        span: span(t.span),
        text: t.text,
        lemma: t.lemma,
        upos: upos as i32,
        xpos: t.xpos.to_owned(),
        head: t.head,
        relation: t.relation.to_owned(),
        sentence: t.sentence,
    }
}

fn entity_to_pb(e: m::Entity) -> pb::Entity {
    pb::Entity {
        id: e.id,
        r#type: entity_type(e.entity_type) as i32,
        canonical_name: e.canonical_name,
        mentions: e
            .mentions
            .into_iter()
            .map(|x| pb::Mention {
                span: span(x.span),
                text: x.text,
                kind: match x.kind {
                    m::MentionKind::Name => pb::MentionKind::Name,
                    m::MentionKind::Nominal => pb::MentionKind::Nominal,
                    m::MentionKind::Pronoun => pb::MentionKind::Pronoun,
                } as i32,
                sentence: x.sentence,
            })
            .collect(),
        salience: e.salience,
        external_ids: e.external_ids.into_iter().collect(),
    }
}

fn fact_to_pb(f: m::Fact) -> pb::Fact {
    pb::Fact {
        id: f.id,
        r#type: fact_type(f.fact_type) as i32,
        arguments: f
            .arguments
            .into_iter()
            .map(|a| pb::Argument {
                role: a.role,
                value: Some(match a.value {
                    m::ArgValue::Entity(x) => pb::argument::Value::EntityId(x),
                    m::ArgValue::Text(x) => pb::argument::Value::Text(x),
                    m::ArgValue::Time(x) => pb::argument::Value::TimeId(x),
                }),
                span: a.span.and_then(span),
            })
            .collect(),
        polarity: match f.polarity {
            m::Polarity::Positive => pb::Polarity::Positive,
            m::Polarity::Negative => pb::Polarity::Negative,
        } as i32,
        modality: match f.modality {
            m::Modality::Asserted => pb::Modality::Asserted,
            m::Modality::Reported => pb::Modality::Reported,
            m::Modality::Intended => pb::Modality::Intended,
            m::Modality::Hypothetical => pb::Modality::Hypothetical,
            m::Modality::Opinion => pb::Modality::Opinion,
        } as i32,
        predicate: f.predicate,
        trigger: span(f.trigger),
        evidence: f.evidence.into_iter().filter_map(span).collect(),
        confidence: f.confidence,
        attributed_to: f.attributed_to.unwrap_or_default(),
        cameo_code: f.cameo_code,
        plover_category: plover_category(f.plover_category) as i32,
        plover_mode: f.plover_mode,
        extractor: f.extractor,
    }
}

fn time_to_pb(t: m::TimeExpression) -> pb::TimeExpression {
    pb::TimeExpression {
        id: t.id,
        span: span(t.span),
        text: t.text,
        value: t.value,
        r#type: match t.time_type {
            m::TimeType::Date => pb::TimeType::Date,
            m::TimeType::Time => pb::TimeType::Time,
            m::TimeType::Duration => pb::TimeType::Duration,
            m::TimeType::Set => pb::TimeType::Set,
        } as i32,
    }
}

/// The per-article outcome used by batches, streams and `factx batch` output.
pub fn result_to_pb(article_id: String, r: Result<m::FactSet, Error>) -> pb::ExtractResult {
    let outcome = match r {
        Ok(fs) => pb::extract_result::Outcome::FactSet(fact_set_to_pb(fs)),
        Err(e) => pb::extract_result::Outcome::Error(error_to_pb(&e)),
    };
    pb::ExtractResult {
        article_id,
        outcome: Some(outcome),
    }
}

pub fn error_to_pb(e: &Error) -> pb::ExtractError {
    pb::ExtractError {
        code: crate::grpc::status::code_of(e) as i32,
        message: crate::grpc::status::public_message(e),
        reason: e.reason().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The model's fact types and PLOVER categories are the proto's, value for value (so the
    /// registry, which names model types, agrees with the contract).
    #[test]
    fn model_and_proto_name_the_same_types() {
        for t in m::FactType::ALL {
            assert_ne!(fact_type(*t), pb::FactType::Unspecified, "{}", t.name());
        }
        for c in m::PloverCategory::ALL {
            assert_ne!(
                plover_category(Some(*c)),
                pb::PloverCategory::Unspecified,
                "{}",
                c.name()
            );
        }
        for v in 1..256 {
            if let Ok(p) = pb::FactType::try_from(v) {
                let n = p.as_str_name().trim_start_matches("FACT_TYPE_");
                assert!(m::FactType::from_name(n).is_some(), "{n}");
            }
            if let Ok(p) = pb::PloverCategory::try_from(v) {
                let n = p.as_str_name().trim_start_matches("PLOVER_CATEGORY_");
                assert!(m::PloverCategory::from_name(n).is_some(), "{n}");
            }
        }
        assert_eq!(m::FactType::ALL.len(), 42);
        for t in factx_core::facts::registry::registry().expressible() {
            assert!(pb::FactType::from_str_name(&format!("FACT_TYPE_{t}")).is_some());
        }
    }

    #[test]
    fn time_zones() {
        assert_eq!(parse_time_zone(""), Some(0));
        assert_eq!(parse_time_zone("+05:00"), Some(5 * 3600));
        assert_eq!(parse_time_zone("-0330"), Some(-(3 * 3600 + 1800)));
        assert_eq!(parse_time_zone("+05"), Some(5 * 3600));
        assert_eq!(parse_time_zone("Asia/Karachi"), None);
        assert_eq!(parse_time_zone("+25:00"), None);
    }

    #[test]
    fn every_fact_type_has_its_proto_value() {
        for &t in m::FactType::ALL {
            assert_eq!(
                fact_type(t).as_str_name().strip_prefix("FACT_TYPE_"),
                Some(t.name())
            );
        }
    }

    #[test]
    fn weekday_reading_maps_and_defaults_to_news_past() {
        let read = |v: i32| {
            let o = pb::ExtractOptions {
                weekday_reading: v,
                ..Default::default()
            };
            options_from_pb(Some(&o)).map(|o| o.weekday_reading)
        };
        assert_eq!(read(0).unwrap(), m::WeekdayReading::NewsPast);
        assert_eq!(read(1).unwrap(), m::WeekdayReading::NewsPast);
        assert_eq!(read(2).unwrap(), m::WeekdayReading::NearestFuture);
        assert_eq!(
            read(9).unwrap_err().field(),
            Some("options.weekday_reading")
        );
    }

    #[test]
    fn unknown_offset_unit_names_the_field() {
        let o = pb::ExtractOptions {
            offset_unit: 42,
            ..Default::default()
        };
        let e = options_from_pb(Some(&o)).unwrap_err();
        assert_eq!(e.field(), Some("options.offset_unit"));
    }
}
