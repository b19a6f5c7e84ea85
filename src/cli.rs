//! Command line: what the user typed (clap), turned into validated settings, then dispatched.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use factx_core::model::{ExtractOptions, OffsetUnit, WeekStart, WeekdayReading};
use factx_core::{Engine, EngineConfig};

use crate::grpc::server::{self, ServerConfig};

#[derive(Parser, Debug)]
#[command(
    name = "factx",
    version,
    about = "Grounded fact extraction from news articles"
)]
pub struct Cli {
    /// Log format.
    #[arg(long, global = true, env = "FACTX_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the gRPC server.
    Serve(ServeArgs),
    /// Extract FactSets from JSON Lines of articles (or one plain-text body), in-process.
    Extract(ExtractArgs),
    /// Run a whole corpus through the pipeline, resumably, in-process or against a server.
    Batch(crate::batch::BatchArgs),
    /// Tokenize, tag and parse text into CoNLL-U (JSON Lines of articles, or one plain text).
    Parse(crate::parse_cmd::ParseArgs),
    /// Train a model.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Evaluate a model.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Drive a running server with concurrent calls or streams; report throughput, latency, errors.
    Loadtest(crate::loadtest::LoadtestArgs),
    /// Print the fact types factx can express (from the fact-type registry), one per line.
    Types,
}

#[derive(Subcommand, Debug)]
pub enum TrainCommand {
    /// Train the named-entity tagger (reproducible: same data and seed → byte-identical model).
    Ner(crate::ner_cmd::TrainNerArgs),
    /// Train the syntax model: tagger, lemmatizer and dependency parser (reproducible).
    Parse(crate::parse_cmd::TrainParseArgs),
}

#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Entity-level P/R/F1 per CoNLL class (PER, ORG, LOC, MISC) of the tagger.
    Ner(crate::ner_cmd::EvalNerArgs),
    /// Tagging, lemma and attachment scores on a CoNLL-U treebank (gold tokens or raw text).
    Parse(crate::parse_cmd::EvalParseArgs),
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on; use 0.0.0.0:50051 in containers.
    #[arg(long, env = "FACTX_LISTEN", default_value = "127.0.0.1:50051")]
    pub listen: SocketAddr,
    /// Extractions running at once [default: number of cores].
    #[arg(long, env = "FACTX_WORKERS")]
    pub workers: Option<usize>,
    /// Unary requests admitted at once (running or queued); beyond it RESOURCE_EXHAUSTED
    /// [default: 8 x workers].
    #[arg(long, env = "FACTX_MAX_IN_FLIGHT")]
    pub max_in_flight: Option<usize>,
    /// Most articles in one ExtractBatch call.
    #[arg(long, env = "FACTX_MAX_BATCH", default_value_t = crate::grpc::service::DEFAULT_MAX_BATCH)]
    pub max_batch: usize,
    /// Largest article body, in bytes.
    #[arg(long, env = "FACTX_MAX_BODY_BYTES", default_value_t = factx_core::engine::DEFAULT_MAX_BODY_BYTES)]
    pub max_body_bytes: usize,
    /// Largest request message, in bytes.
    #[arg(long, env = "FACTX_MAX_REQUEST_BYTES", default_value_t = server::DEFAULT_MAX_REQUEST_BYTES)]
    pub max_request_bytes: usize,
    /// Largest response message, in bytes.
    #[arg(long, env = "FACTX_MAX_RESPONSE_BYTES", default_value_t = server::DEFAULT_MAX_RESPONSE_BYTES)]
    pub max_response_bytes: usize,
    /// Seconds to drain in-flight work after SIGTERM before exiting anyway.
    #[arg(long, env = "FACTX_GRACE_SECONDS", default_value_t = 20)]
    pub grace_seconds: u64,
    /// Close connections after this many seconds so clients rebalance; 0 disables.
    #[arg(long, env = "FACTX_MAX_CONNECTION_AGE_SECONDS", default_value_t = 300)]
    pub max_connection_age_seconds: u64,
    /// Address serving Prometheus `GET /metrics` (0.0.0.0:9464 in containers); empty disables.
    #[arg(long, env = "FACTX_METRICS_LISTEN", default_value = "127.0.0.1:9464")]
    pub metrics_listen: String,
    /// Serve TLS with this certificate chain (PEM); needs --tls-key.
    #[arg(long, env = "FACTX_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<std::path::PathBuf>,
    /// Private key (PEM) for --tls-cert.
    #[arg(long, env = "FACTX_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<std::path::PathBuf>,
    /// Require client certificates signed by this CA (PEM): mutual TLS.
    #[arg(long, env = "FACTX_TLS_CLIENT_CA", requires = "tls_cert")]
    pub tls_client_ca: Option<std::path::PathBuf>,
    /// Require `authorization: Bearer <token>` on extraction calls; tokens one per line.
    #[arg(long, env = "FACTX_AUTH_TOKENS_FILE")]
    pub auth_tokens_file: Option<std::path::PathBuf>,
    /// Accepted bearer tokens, comma-separated (prefer the environment over the flag: command
    /// lines are visible to other users).
    #[arg(long, env = "FACTX_AUTH_TOKENS", hide_env_values = true)]
    pub auth_tokens: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum, Default)]
pub enum OffsetUnitArg {
    #[default]
    Utf8,
    Utf16,
    CodePoint,
}

#[derive(Debug, Clone, Copy, ValueEnum, Default)]
pub enum WeekStartArg {
    #[default]
    Monday,
    Sunday,
}

#[derive(Debug, Clone, Copy, ValueEnum, Default)]
pub enum WeekdayReadingArg {
    #[default]
    NewsPast,
    NearestFuture,
}

/// Extraction options shared by `extract` and `batch`.
#[derive(Args, Debug, Clone)]
pub struct OptionArgs {
    /// Unit of every span offset in the output.
    #[arg(long, value_enum, default_value_t = OffsetUnitArg::Utf8)]
    pub offset_unit: OffsetUnitArg,
    /// First day of the week for week-relative dates.
    #[arg(long, value_enum, default_value_t = WeekStartArg::Monday)]
    pub week_start: WeekStartArg,
    /// Time zone of the articles' dates: UTC or a fixed offset like +05:00.
    #[arg(long, default_value = "UTC")]
    pub time_zone: String,
    /// Also output every token with its part of speech, lemma and dependency.
    #[arg(long)]
    pub include_syntax: bool,
    /// Untensed weekdays ("talks Tuesday"): the latest such day up to the publication date
    /// (news), or the next one (Duckling's convention).
    #[arg(long, value_enum, default_value_t = WeekdayReadingArg::NewsPast)]
    pub weekday_reading: WeekdayReadingArg,
}

impl OptionArgs {
    pub fn to_options(&self) -> anyhow::Result<ExtractOptions> {
        let utc_offset_seconds =
            crate::convert::parse_time_zone(&self.time_zone).ok_or_else(|| {
                anyhow::anyhow!("--time-zone {:?}: expected UTC or +HH:MM", self.time_zone)
            })?;
        Ok(ExtractOptions {
            offset_unit: match self.offset_unit {
                OffsetUnitArg::Utf8 => OffsetUnit::Utf8,
                OffsetUnitArg::Utf16 => OffsetUnit::Utf16,
                OffsetUnitArg::CodePoint => OffsetUnit::CodePoint,
            },
            week_start: match self.week_start {
                WeekStartArg::Monday => WeekStart::Monday,
                WeekStartArg::Sunday => WeekStart::Sunday,
            },
            utc_offset_seconds,
            include_syntax: self.include_syntax,
            weekday_reading: match self.weekday_reading {
                WeekdayReadingArg::NewsPast => WeekdayReading::NewsPast,
                WeekdayReadingArg::NearestFuture => WeekdayReading::NearestFuture,
            },
        })
    }

    /// The same options on the wire, for `batch --server`.
    pub fn to_pb(&self) -> crate::proto::v1::ExtractOptions {
        use crate::proto::v1 as pb;
        pb::ExtractOptions {
            offset_unit: match self.offset_unit {
                OffsetUnitArg::Utf8 => pb::OffsetUnit::Utf8,
                OffsetUnitArg::Utf16 => pb::OffsetUnit::Utf16,
                OffsetUnitArg::CodePoint => pb::OffsetUnit::CodePoint,
            } as i32,
            week_start: match self.week_start {
                WeekStartArg::Monday => pb::WeekStart::Monday,
                WeekStartArg::Sunday => pb::WeekStart::Sunday,
            } as i32,
            time_zone: self.time_zone.clone(),
            include_syntax: self.include_syntax,
            weekday_reading: match self.weekday_reading {
                WeekdayReadingArg::NewsPast => pb::WeekdayReading::NewsPast,
                WeekdayReadingArg::NearestFuture => pb::WeekdayReading::NearestFuture,
            } as i32,
        }
    }
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// JSON Lines of Article (proto3 JSON), or '-' for standard input.
    #[arg(default_value = "-")]
    pub input: String,
    /// Treat the input as one plain-text article body.
    #[arg(long)]
    pub text: bool,
    /// With --text: publication time (RFC 3339), the reference for relative dates.
    #[arg(long, requires = "text")]
    pub published_at: Option<String>,
    /// With --text: the article id.
    #[arg(long, requires = "text", default_value = "text")]
    pub id: String,
    /// Worker threads [default: number of cores].
    #[arg(long)]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub options: OptionArgs,
}

/// Logs to stderr, plus OpenTelemetry traces when `OTEL_EXPORTER_OTLP_ENDPOINT` is set. Keep the
/// returned guard alive: dropping it flushes the traces.
pub fn init_logging(format: LogFormat) -> crate::telemetry::Telemetry {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::{EnvFilter, Layer};
    let filter = EnvFilter::try_from_env("FACTX_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let fmt = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    let fmt = match format {
        LogFormat::Text => fmt.boxed(),
        LogFormat::Json => fmt.json().flatten_event(true).boxed(),
    };
    let telemetry = crate::telemetry::Telemetry::from_env();
    let otel = telemetry
        .tracer()
        .map(|t| tracing_opentelemetry::layer().with_tracer(t));
    tracing_subscriber::registry()
        .with(filter)
        .with(fmt)
        .with(otel)
        .init();
    telemetry
}

/// Runs the command; returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    let _telemetry = init_logging(cli.log_format);
    match cli.command {
        Command::Serve(a) => serve(a),
        Command::Extract(a) => crate::extract_cmd::run(a),
        Command::Batch(a) => crate::batch::run(a),
        Command::Parse(a) => crate::parse_cmd::parse(a),
        Command::Train(TrainCommand::Ner(a)) => crate::ner_cmd::train(a),
        Command::Train(TrainCommand::Parse(a)) => crate::parse_cmd::train(a),
        Command::Eval(EvalCommand::Ner(a)) => crate::ner_cmd::eval(a),
        Command::Eval(EvalCommand::Parse(a)) => crate::parse_cmd::eval(a),
        Command::Loadtest(a) => crate::loadtest::run(a),
        Command::Types => {
            for t in factx_core::facts::registry::registry().expressible() {
                println!("{t}");
            }
            Ok(0)
        }
    }
}

/// Tokens from the file and the list together; `None` when neither is given.
fn auth_tokens(a: &ServeArgs) -> anyhow::Result<Option<crate::grpc::auth::TokenSet>> {
    use crate::grpc::auth::TokenSet;
    let mut all = Vec::new();
    if let Some(path) = &a.auth_tokens_file {
        let listed = crate::grpc::auth::tokens_in_file(path)?;
        anyhow::ensure!(
            !listed.is_empty(),
            "auth tokens file {} holds no tokens",
            path.display()
        );
        all.extend(listed);
    }
    if let Some(list) = &a.auth_tokens {
        all.extend(list.split(',').map(str::to_owned));
    }
    if a.auth_tokens_file.is_none() && a.auth_tokens.is_none() {
        return Ok(None);
    }
    TokenSet::new(all).map(Some)
}

fn serve(a: ServeArgs) -> anyhow::Result<i32> {
    let defaults = ServerConfig::default();
    let workers = a.workers.unwrap_or(defaults.workers).max(1);
    let cfg = ServerConfig {
        workers,
        max_in_flight: a.max_in_flight.unwrap_or(workers * 8).max(1),
        max_batch: a.max_batch.max(1),
        max_request_bytes: a.max_request_bytes,
        max_response_bytes: a.max_response_bytes,
        grace: Duration::from_secs(a.grace_seconds),
        max_connection_age: (a.max_connection_age_seconds > 0)
            .then(|| Duration::from_secs(a.max_connection_age_seconds)),
        tls: a
            .tls_cert
            .clone()
            .zip(a.tls_key.clone())
            .map(|(cert, key)| crate::grpc::tls::TlsFiles {
                cert,
                key,
                client_ca: a.tls_client_ca.clone(),
            }),
        auth: auth_tokens(&a)?.map(Arc::new),
        ..defaults
    };
    let metrics_listen: Option<SocketAddr> = match a.metrics_listen.trim() {
        "" => None,
        addr => Some(
            addr.parse()
                .map_err(|e| anyhow::anyhow!("--metrics-listen {addr:?}: {e}"))?,
        ),
    };
    // Fail before loading the pipeline if the TLS files are unusable.
    if let Some(tls) = &cfg.tls {
        tls.load()?;
    }
    let engine = Arc::new(Engine::new(EngineConfig {
        max_body_bytes: a.max_body_bytes,
    })?);
    engine.warm_up()?;
    tracing::info!(
        stages = ?engine.stage_names(),
        ?cfg,
        tls = cfg.tls.is_some(),
        mtls = cfg.tls.as_ref().is_some_and(|t| t.client_ca.is_some()),
        auth = cfg.auth.is_some(),
        "pipeline loaded"
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(workers + 4)
        .build()?;
    rt.block_on(async {
        if let Some(addr) = metrics_listen {
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .map_err(|e| anyhow::anyhow!("binding --metrics-listen {addr}: {e}"))?;
            tracing::info!(addr = %listener.local_addr()?, "metrics at /metrics");
            // Metrics stay up while the gRPC server drains; the runtime's end stops them.
            tokio::spawn(crate::metrics::serve_metrics(
                listener,
                cfg.metrics.clone(),
                std::future::pending(),
            ));
        }
        server::serve(a.listen, engine, cfg, server::shutdown_signal()).await
    })?;
    Ok(0)
}
