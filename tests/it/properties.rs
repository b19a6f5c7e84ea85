//! Property tests at the edges: request decoding and conversion, and the JSON Lines reader.

use factx::convert::{article_from_pb, options_from_pb};
use factx::jsonl::parse_article;
use factx::proto::v1 as pb;
use proptest::prelude::*;
use prost::Message;

/// Decodes `bytes` as every request type; whatever decodes must convert (or be refused) without
/// panicking and must survive an encode/decode round trip.
fn decode_everything(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(req) = pb::ExtractRequest::decode(bytes) {
        let again = pb::ExtractRequest::decode(req.encode_to_vec().as_slice()).unwrap();
        prop_assert_eq!(&again, &req);
        let _ = options_from_pb(req.options.as_ref());
        if let Some(a) = req.article {
            let _ = article_from_pb(a);
        }
    }
    if let Ok(req) = pb::ExtractBatchRequest::decode(bytes) {
        let _ = options_from_pb(req.options.as_ref());
        for a in req.articles {
            let _ = article_from_pb(a);
        }
    }
    if let Ok(req) = pb::ExtractStreamRequest::decode(bytes) {
        let _ = options_from_pb(req.options.as_ref());
    }
    Ok(())
}

/// Bytes that look like protobuf: a valid request with some bytes flipped, cut or appended.
fn mangled_request() -> impl Strategy<Value = Vec<u8>> {
    (
        "\\PC{0,64}",
        "[a-z0-9\\-]{0,12}",
        any::<i64>(),
        any::<i32>(),
        "[+\\-0-9:A-Z]{0,8}",
        prop::collection::vec((any::<usize>(), any::<u8>()), 0..6),
        any::<usize>(),
    )
        .prop_map(|(body, id, secs, unit, tz, flips, cut)| {
            let req = pb::ExtractRequest {
                article: Some(pb::Article {
                    id,
                    body,
                    published_at: Some(pbjson_types::Timestamp {
                        seconds: secs,
                        nanos: unit,
                    }),
                    ..Default::default()
                }),
                options: Some(pb::ExtractOptions {
                    offset_unit: unit,
                    time_zone: tz,
                    ..Default::default()
                }),
            };
            let mut bytes = req.encode_to_vec();
            for (at, b) in flips {
                if !bytes.is_empty() {
                    let i = at % bytes.len();
                    bytes[i] ^= b;
                }
            }
            let keep = cut % (bytes.len() + 1);
            bytes.truncate(keep.max(bytes.len() / 2));
            bytes
        })
}

/// Strings that look like Article JSON lines, with odd values in odd places.
fn jsonish_line() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        "\"\\PC{0,20}\"",
        "-?[0-9]{1,20}(\\.[0-9]{0,5})?(e-?[0-9]{1,4})?",
        Just("null".to_string()),
        Just("true".to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
        "\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,12})?(Z|[+\\-][0-9]{2}:[0-9]{2})\"",
        "\"\\\\u[0-9a-fA-F]{4}\\\\u[dD][c-fC-F][0-9a-f]{2}\"",
    ];
    let key = prop::sample::select(vec![
        "id",
        "body",
        "title",
        "publishedAt",
        "published_at",
        "url",
        "source",
        "language",
        "unknown",
    ]);
    prop::collection::vec((key, value), 0..8).prop_map(|fields| {
        let inner: Vec<String> = fields
            .into_iter()
            .map(|(k, v)| format!("\"{k}\":{v}"))
            .collect();
        format!("{{{}}}", inner.join(","))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_decode_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        decode_everything(&bytes)?;
    }

    #[test]
    fn mangled_requests_decode_without_panic(bytes in mangled_request()) {
        decode_everything(&bytes)?;
    }

    #[test]
    fn jsonl_reader_takes_arbitrary_strings(line in "\\PC{0,200}") {
        let _ = parse_article(&line);
    }

    #[test]
    fn jsonl_reader_takes_jsonish_lines(line in jsonish_line()) {
        if let Ok(a) = parse_article(&line) {
            // What parses must survive conversion to the domain (or be refused cleanly).
            let _ = article_from_pb(a);
        }
    }
}
