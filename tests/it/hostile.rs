//! Hostile and odd bodies, each through the real pipeline behind the gRPC server. Every one must
//! end OK or INVALID_ARGUMENT, with every span slicing the body, and the server still SERVING.
//! Timings are printed (run with `--nocapture`), not asserted.

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use factx::proto::v1 as pb;
use tonic::Code;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;
use tonic_health::pb::HealthCheckRequest;

use crate::util::*;

/// Just below the default 1 MiB body limit.
const NEAR_LIMIT: usize = (1 << 20) - 1024;

/// The big inputs run one at a time, so each one's printed time means something on a small box.
static ONE_AT_A_TIME: LazyLock<tokio::sync::Mutex<()>> =
    LazyLock::new(|| tokio::sync::Mutex::new(()));

/// `unit` repeated until the body is about `bytes` long (whole repeats only).
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat((bytes / unit.len().max(1)).max(1))
}

/// Deterministic pseudo-random numbers (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const NEWS: &str = "The foreign minister of Canada met her counterpart from Kenya in Nairobi on \
Tuesday, officials said. \"We discussed trade and security,\" the minister told reporters after \
the talks. The two leaders will travel to Geneva next week for a United Nations summit, according \
to a statement from the ministry. President Ruto called the Prime Minister of India on Monday.";

/// Sends `body` in every offset unit in turn, checks the outcome, and checks health afterwards.
async fn run_hostile(name: &str, body: String) {
    let _guard = ONE_AT_A_TIME.lock().await;
    let server = TestServer::start(small_config()).await;
    let channel = server.channel().await;
    let mut client =
        factx::proto::v1::fact_extraction_service_client::FactExtractionServiceClient::new(
            channel.clone(),
        )
        .max_decoding_message_size(usize::MAX)
        .max_encoding_message_size(usize::MAX);
    let unit = match body.len() % 3 {
        0 => pb::OffsetUnit::Utf8,
        1 => pb::OffsetUnit::Utf16,
        _ => pb::OffsetUnit::CodePoint,
    };
    let started = Instant::now();
    let result = client
        .extract(pb::ExtractRequest {
            article: Some(article(name, &body)),
            options: Some(pb::ExtractOptions {
                offset_unit: unit as i32,
                ..Default::default()
            }),
        })
        .await;
    let took = started.elapsed();
    let outcome = match result {
        Ok(resp) => {
            let fs = resp.into_inner().fact_set.expect("fact set");
            assert_grounded(&body, &fs);
            format!(
                "OK: {} sentences, {} entities, {} facts, {} times",
                fs.sentences.len(),
                fs.entities.len(),
                fs.facts.len(),
                fs.times.len()
            )
        }
        Err(status) => {
            assert_eq!(
                status.code(),
                Code::InvalidArgument,
                "{name}: {}",
                status.message()
            );
            format!("INVALID_ARGUMENT: {}", status.message())
        }
    };
    println!(
        "hostile {name}: {} bytes, {unit:?}, {took:?}, {outcome}",
        body.len()
    );
    if took > Duration::from_secs(10) {
        println!("hostile {name}: SLOW (> 10 s)");
    }
    let health = HealthClient::new(channel)
        .check(HealthCheckRequest {
            service: String::new(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(health.status, ServingStatus::Serving as i32, "{name}");
    server.stop().await;
}

#[tokio::test]
async fn one_megabyte_without_whitespace() {
    run_hostile(
        "no-whitespace",
        repeat_to("Minister.Smith,met-the(UN)envoy;in\"Paris\"", NEAR_LIMIT),
    )
    .await;
}

#[tokio::test]
async fn two_hundred_thousand_newlines() {
    run_hostile("newlines-only", "\n".repeat(200_000)).await;
    let mut body = "\n".repeat(200_000);
    body.insert_str(100_000, "The president met the envoy in Paris on Monday.");
    run_hostile("newlines-around-a-sentence", body).await;
}

#[tokio::test]
async fn hundred_thousand_open_parentheses() {
    run_hostile("open-parens", "(".repeat(100_000)).await;
    run_hostile(
        "open-parens-words",
        repeat_to("(Reuters (the UN (said ", NEAR_LIMIT / 2),
    )
    .await;
}

#[tokio::test]
async fn emoji_combining_marks_and_right_to_left_text() {
    let unit = "🇺🇳 The envoy 👩🏽‍⚖️ met Zoë and José\u{301} in Zürich. \
        e\u{301}\u{302}\u{303}\u{304} a\u{20DD} \u{202E}reversed\u{202C} \
        قال الوزير إن المحادثات كانت مثمرة. שר החוץ נפגש עם השגריר. \u{200F}\u{200D}\u{FEFF} ";
    run_hostile("unicode-mix", repeat_to(unit, NEAR_LIMIT / 2)).await;
}

#[tokio::test]
async fn nul_and_control_characters() {
    let unit = "The\0minister\u{1}met\u{7}the\u{1b}[31menvoy\u{8}\u{7f} in\u{b}Paris\u{c}.\u{85}\
        \u{2028}She said\u{2029}\"\0\" on Monday.\r\0\t";
    run_hostile("control-chars", repeat_to(unit, NEAR_LIMIT / 2)).await;
}

#[tokio::test]
async fn random_code_points() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut body = String::with_capacity(NEAR_LIMIT);
    while body.len() < NEAR_LIMIT - 8 {
        // Mostly ASCII and spaces, with the whole Unicode range mixed in.
        let c = match rng.below(10) {
            0..=3 => char::from(b'a' + rng.below(26) as u8),
            4 => ' ',
            5 => char::from(b'A' + rng.below(26) as u8),
            6 => ['.', ',', '"', '\'', '(', ')', '-', '\n'][rng.below(8) as usize],
            _ => loop {
                if let Some(c) = char::from_u32(rng.below(0x11_0000) as u32) {
                    break c;
                }
            },
        };
        body.push(c);
    }
    run_hostile("random-code-points", body).await;
}

#[tokio::test]
async fn all_caps_news() {
    let caps = format!("{} ", NEWS.to_uppercase());
    run_hostile("all-caps", repeat_to(&caps, NEAR_LIMIT / 2)).await;
}

#[tokio::test]
async fn a_body_of_abbreviations_only() {
    let unit = "Mr. Mrs. Dr. Gen. Lt. Col. Sen. Rep. Gov. Jan. Feb. Aug. Sept. U.S. U.K. U.N. \
        e.g. i.e. etc. Inc. Ltd. Co. Corp. St. Ave. No. a.m. p.m. Jr. Sr. vs. approx. ";
    run_hostile("abbreviations", repeat_to(unit, NEAR_LIMIT / 2)).await;
}

#[tokio::test]
async fn half_a_megabyte_single_sentence_of_names() {
    let first = [
        "Maria", "Ahmed", "Olga", "Kwame", "Lucia", "Hiroshi", "Fatima", "Pedro", "Ingrid", "Chen",
    ];
    let last = [
        "Garcia", "Okafor", "Novak", "Tanaka", "Haddad", "Silva", "Larsen", "Moreau", "Kowalski",
        "Nguyen",
    ];
    let mut rng = Rng(42);
    let mut body = String::from("Officials including ");
    while body.len() < 500_000 {
        body.push_str(first[rng.below(10) as usize]);
        body.push(' ');
        body.push_str(last[rng.below(10) as usize]);
        body.push_str(if rng.below(7) == 0 { " and " } else { ", " });
    }
    body.push_str("met in Vienna");
    run_hostile("names-sentence", body).await;
}

#[tokio::test]
async fn crlf_line_endings() {
    let body = NEWS.replace(". ", ".\r\n").replace(", ", ",\r\n") + "\r\n";
    run_hostile("crlf", repeat_to(&body, 64 * 1024)).await;
    // Lone carriage returns too (old Mac line endings).
    run_hostile("cr-only", NEWS.replace(". ", ".\r")).await;
}

#[tokio::test]
async fn one_huge_quotation() {
    let mut body = String::from("The spokesman said: \u{201C}");
    body.push_str(&repeat_to(&format!("{NEWS} "), NEAR_LIMIT / 2));
    body.push_str("\u{201D} The ministry confirmed it on Friday.");
    run_hostile("huge-curly-quotation", body).await;
    let mut body = String::from("\"");
    body.push_str(&repeat_to(&format!("{NEWS} "), NEAR_LIMIT / 2));
    run_hostile("unclosed-straight-quotation", body).await;
}

#[tokio::test]
async fn body_over_the_limit_is_invalid_argument() {
    let _guard = ONE_AT_A_TIME.lock().await;
    let server = TestServer::start(small_config()).await;
    let mut client = server.client().await;
    let err = client
        .extract(pb::ExtractRequest {
            article: Some(article("big", &"a ".repeat(600_000))),
            options: None,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument);
    server.stop().await;
}
