//! The server's addresses: every address its name resolves to, each with its own lazily connected
//! channel. Calls go round-robin over the addresses that answer. An address whose call failed is set
//! aside for a moment (doubling with each failure, at most `MAX_SET_ASIDE`) so that retries and new
//! calls go to the others, and the name is re-resolved at once (at most once a second) rather than
//! at the next periodic refresh: a replaced pod's new address is found within a second.

use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use anyhow::Context;
use tokio::sync::Notify;
use tonic::transport::{Channel, Endpoint};

/// Periodic re-resolution, for pods that come and go while every call succeeds.
const REFRESH_EVERY: Duration = Duration::from_secs(30);
/// Re-resolutions asked for by failures are spaced at least this much.
const MIN_RESOLVE_GAP: Duration = Duration::from_secs(1);
const FIRST_SET_ASIDE: Duration = Duration::from_millis(250);
const MAX_SET_ASIDE: Duration = Duration::from_secs(5);

/// Where the server is: `scheme://host:port`, and optionally a hosts file that names it.
#[derive(Debug, Clone)]
pub struct Target {
    pub scheme: String,
    pub host: String,
    pub port: u16,
    /// Resolve `host` from this file (`/etc/hosts` format) instead of the system resolver.
    pub hosts_file: Option<PathBuf>,
}

impl Target {
    pub fn parse(url: &str, hosts_file: Option<PathBuf>) -> anyhow::Result<Target> {
        let uri: tonic::codegen::http::Uri = url
            .parse()
            .with_context(|| format!("--server {url:?} is not a URL"))?;
        let host = uri.host().context("--server URL needs a host")?;
        Ok(Target {
            scheme: uri.scheme_str().unwrap_or("http").to_string(),
            host: host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_string(),
            port: uri.port_u16().unwrap_or(50051),
            hosts_file,
        })
    }

    /// The addresses the name stands for now.
    pub async fn resolve(&self) -> anyhow::Result<HashSet<SocketAddr>> {
        if let Ok(ip) = self.host.parse::<IpAddr>() {
            return Ok(HashSet::from([SocketAddr::new(ip, self.port)]));
        }
        if let Some(path) = &self.hosts_file {
            let text = tokio::fs::read_to_string(path)
                .await
                .with_context(|| format!("reading hosts file {}", path.display()))?;
            return Ok(hosts_lookup(&text, &self.host)
                .into_iter()
                .map(|ip| SocketAddr::new(ip, self.port))
                .collect());
        }
        Ok(tokio::net::lookup_host((self.host.as_str(), self.port))
            .await
            .with_context(|| format!("resolving {}", self.host))?
            .collect())
    }
}

/// The addresses `name` has in a hosts-format text (`ADDRESS NAME [ALIAS...]`, `#` comments).
fn hosts_lookup(text: &str, name: &str) -> Vec<IpAddr> {
    let mut found = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        let mut fields = line.split_whitespace();
        let Some(Ok(ip)) = fields.next().map(str::parse::<IpAddr>) else {
            continue;
        };
        if fields.any(|n| n.eq_ignore_ascii_case(name)) && !found.contains(&ip) {
            found.push(ip);
        }
    }
    found
}

struct Member {
    addr: SocketAddr,
    channel: Channel,
    /// Failures in a row, counting only calls started after the previous failure (calls in
    /// flight together fail together: that is one piece of evidence, not many).
    strikes: u32,
    last_failure: Option<Instant>,
    set_aside_until: Option<Instant>,
}

impl Member {
    fn up(&self, now: Instant) -> bool {
        self.set_aside_until.is_none_or(|t| t <= now)
    }
}

#[derive(Default)]
struct State {
    members: Vec<Member>,
    next: usize,
}

pub struct Pool {
    target: Target,
    state: Mutex<State>,
    /// Wakes the resolver task (shared with it: the task must not keep the pool alive).
    resolve_now: Arc<Notify>,
}

impl Pool {
    /// Resolves the name once (a failure is logged, not fatal: a Service with no ready pod yet
    /// has no address) and keeps re-resolving it in the background while the pool lives.
    pub async fn start(target: Target) -> Arc<Pool> {
        let pool = Arc::new(Pool {
            target,
            state: Mutex::new(State::default()),
            resolve_now: Arc::new(Notify::new()),
        });
        pool.refresh().await;
        tokio::spawn(resolve_loop(
            Arc::downgrade(&pool),
            pool.resolve_now.clone(),
        ));
        pool
    }

    /// An address to call, round-robin over those not set aside, preferring one other than
    /// `avoid` (where this article's last attempt failed). With every address set aside, the one
    /// back soonest: the caller's backoff paces the attempts. `None` while the name has no address.
    pub fn pick(&self, avoid: Option<SocketAddr>) -> Option<(SocketAddr, Channel)> {
        let now = Instant::now();
        let mut st = self.state.lock().expect("pool lock");
        let n = st.members.len();
        if n == 0 {
            return None;
        }
        let start = st.next;
        let chosen = (0..n)
            .map(|i| (start + i) % n)
            .find(|&k| st.members[k].up(now) && Some(st.members[k].addr) != avoid)
            .or_else(|| (0..n).find(|&k| st.members[k].up(now)))
            .unwrap_or_else(|| {
                (0..n)
                    .min_by_key(|&k| st.members[k].set_aside_until)
                    .expect("n > 0")
            });
        st.next = chosen + 1;
        let m = &st.members[chosen];
        Some((m.addr, m.channel.clone()))
    }

    /// A call to `addr` started at `started` failed at the transport, or the server refused it
    /// for now: set the address aside and look the name up again soon.
    pub fn failed(&self, addr: SocketAddr, started: Instant, why: &str) {
        {
            let now = Instant::now();
            let mut st = self.state.lock().expect("pool lock");
            if let Some(m) = st.members.iter_mut().find(|m| m.addr == addr) {
                if m.last_failure.is_none_or(|f| started >= f) {
                    m.strikes += 1;
                    m.last_failure = Some(now);
                    let pause = FIRST_SET_ASIDE
                        .saturating_mul(1 << (m.strikes - 1).min(8))
                        .min(MAX_SET_ASIDE);
                    m.set_aside_until = Some(now + pause);
                    if m.strikes == 1 {
                        tracing::warn!(%addr, error = why, "server address failing; retrying elsewhere or later");
                    }
                }
            }
        }
        self.resolve_now.notify_one();
    }

    /// A call to `addr` started at `started` was answered. Only a call started after the last
    /// failure shows that the address is back (one sent before may still finish on a server that
    /// is draining).
    pub fn answered(&self, addr: SocketAddr, started: Instant) {
        let mut st = self.state.lock().expect("pool lock");
        if let Some(m) = st.members.iter_mut().find(|m| m.addr == addr) {
            if m.strikes > 0 && m.last_failure.is_none_or(|f| started >= f) {
                tracing::info!(%addr, failures = m.strikes, "server address answering again");
                m.strikes = 0;
                m.last_failure = None;
                m.set_aside_until = None;
            }
        }
    }

    /// The name has no address right now: look it up again soon.
    pub fn unresolved(&self) {
        self.resolve_now.notify_one();
    }

    /// Looks the name up and updates the members: new addresses join, vanished ones leave. A
    /// failed or empty lookup keeps the members (a DNS hiccup must not empty the pool).
    async fn refresh(&self) {
        let addrs = match self.target.resolve().await {
            Ok(a) if !a.is_empty() => a,
            Ok(_) => {
                tracing::warn!(host = %self.target.host, "server name has no address; retrying");
                return;
            }
            Err(e) => {
                tracing::warn!(error = %format!("{e:#}"), "resolving the server name failed; retrying");
                return;
            }
        };
        let mut st = self.state.lock().expect("pool lock");
        let before = st.members.len();
        st.members.retain(|m| addrs.contains(&m.addr));
        let removed = before - st.members.len();
        let mut added = 0;
        for &addr in &addrs {
            if st.members.iter().any(|m| m.addr == addr) {
                continue;
            }
            match Endpoint::from_shared(format!("{}://{addr}", self.target.scheme)) {
                Ok(ep) => {
                    let channel = ep
                        .connect_timeout(Duration::from_secs(5))
                        .tcp_nodelay(true)
                        .connect_lazy();
                    st.members.push(Member {
                        addr,
                        channel,
                        strikes: 0,
                        last_failure: None,
                        set_aside_until: None,
                    });
                    added += 1;
                }
                Err(e) => tracing::warn!(%addr, error = %e, "unusable server address"),
            }
        }
        st.members.sort_by_key(|m| m.addr);
        if added + removed > 0 {
            let now: Vec<String> = st.members.iter().map(|m| m.addr.to_string()).collect();
            tracing::info!(added, removed, addresses = ?now, "server addresses");
        }
    }
}

async fn resolve_loop(pool: Weak<Pool>, wake: Arc<Notify>) {
    let mut last = Instant::now();
    loop {
        // A failure's request, or the periodic refresh.
        let woken = tokio::select! {
            _ = wake.notified() => true,
            _ = tokio::time::sleep(REFRESH_EVERY) => false,
        };
        if woken {
            let since = last.elapsed();
            if since < MIN_RESOLVE_GAP {
                tokio::time::sleep(MIN_RESOLVE_GAP - since).await;
            }
        }
        let Some(p) = pool.upgrade() else { return };
        p.refresh().await;
        last = Instant::now();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_file_gives_every_address_of_the_name() {
        let text = "# test\n127.0.0.1 factx other\n::1 factx # v6\n127.0.0.2 FACTX\nbogus factx\n";
        let got = hosts_lookup(text, "factx");
        assert_eq!(
            got,
            vec![
                "127.0.0.1".parse::<IpAddr>().unwrap(),
                "::1".parse().unwrap(),
                "127.0.0.2".parse().unwrap()
            ]
        );
        assert!(hosts_lookup(text, "nobody").is_empty());
    }

    #[test]
    fn target_parses_host_port_and_scheme() {
        let t = Target::parse("http://[::1]:7000", None).unwrap();
        assert_eq!((t.host.as_str(), t.port), ("::1", 7000));
        let t = Target::parse("http://factx-headless", None).unwrap();
        assert_eq!((t.scheme.as_str(), t.port), ("http", 50051));
    }

    fn pool_of(addrs: &[&str]) -> Pool {
        let members = addrs
            .iter()
            .map(|a| {
                let addr: SocketAddr = a.parse().unwrap();
                Member {
                    addr,
                    channel: Endpoint::from_shared(format!("http://{addr}"))
                        .unwrap()
                        .connect_lazy(),
                    strikes: 0,
                    last_failure: None,
                    set_aside_until: None,
                }
            })
            .collect();
        Pool {
            target: Target::parse("http://factx", None).unwrap(),
            state: Mutex::new(State { members, next: 0 }),
            resolve_now: Arc::new(Notify::new()),
        }
    }

    #[tokio::test]
    async fn a_failed_address_is_set_aside_and_avoided_then_used_again() {
        let a: SocketAddr = "127.0.0.1:1".parse().unwrap();
        let b: SocketAddr = "127.0.0.2:1".parse().unwrap();
        let pool = pool_of(&["127.0.0.1:1", "127.0.0.2:1"]);
        // Round-robin while both answer.
        let picks: Vec<_> = (0..4).map(|_| pool.pick(None).unwrap().0).collect();
        assert_eq!(picks, vec![a, b, a, b]);
        // A retry avoids where it failed.
        assert_eq!(pool.pick(Some(a)).unwrap().0, b);
        // Set aside: every call goes to the other.
        pool.failed(a, Instant::now(), "refused");
        assert!((0..4).all(|_| pool.pick(None).unwrap().0 == b));
        // An answer to a call sent before the failure does not bring it back.
        let early = Instant::now() - Duration::from_secs(1);
        pool.answered(a, early);
        assert!((0..4).all(|_| pool.pick(None).unwrap().0 == b));
        // Both set aside: the one back soonest is still tried (the caller's backoff paces it).
        pool.failed(b, Instant::now(), "refused");
        assert_eq!(pool.pick(None).unwrap().0, a);
        // Back after its pause, and in the rotation again once it answers.
        tokio::time::sleep(FIRST_SET_ASIDE * 2).await;
        pool.answered(a, Instant::now());
        pool.answered(b, Instant::now());
        let picks: HashSet<_> = (0..4).map(|_| pool.pick(None).unwrap().0).collect();
        assert_eq!(picks, HashSet::from([a, b]));
    }

    #[test]
    fn an_unresolved_name_has_nothing_to_pick() {
        let pool = pool_of(&[]);
        assert!(pool.pick(None).is_none());
    }
}
