//! Bounded load on loopback: thousands of requests from dozens of clients, and races of
//! concurrent DELETEs. Asserts correctness; prints throughput and latency as figures.

use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};
use tokio::task::JoinSet;

use crate::support::{Server, ALICE};

const CLIENTS: usize = 40;
const REQUESTS_PER_CLIENT: usize = 100;
const TOKENS: [&str; 4] = ["demo-alice", "demo-pat", "demo-frank", "demo-nora"];
const LISTS: [&str; 2] = [
    "/auth/v1/users/me/auth_factors/_search",
    "/auth/v1/users/me/passwordless/_search",
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p) as usize]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousands_of_list_requests_from_dozens_of_clients_all_succeed() {
    let server = Server::start().await;
    let started = Instant::now();
    let mut clients = JoinSet::new();
    for c in 0..CLIENTS {
        let base = server.base.clone();
        clients.spawn(async move {
            let client = Client::new();
            let mut latencies = Vec::with_capacity(REQUESTS_PER_CLIENT);
            for r in 0..REQUESTS_PER_CLIENT {
                let sent = Instant::now();
                let response = client
                    .post(format!("{base}{}", LISTS[r % 2]))
                    .header("authorization", format!("Bearer {}", TOKENS[(c + r) % 4]))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), StatusCode::OK);
                response.bytes().await.unwrap();
                latencies.push(sent.elapsed());
            }
            latencies
        });
    }
    let mut latencies: Vec<Duration> = clients.join_all().await.into_iter().flatten().collect();
    let wall = started.elapsed();
    assert_eq!(latencies.len(), CLIENTS * REQUESTS_PER_CLIENT);
    latencies.sort();
    println!(
        "load: {} requests from {CLIENTS} clients in {:.2}s = {:.0} req/s; latency p50 {:.2}ms, p99 {:.2}ms, max {:.2}ms",
        latencies.len(),
        wall.as_secs_f64(),
        latencies.len() as f64 / wall.as_secs_f64(),
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3,
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_deletes_of_one_factor_give_exactly_one_success() {
    const ROUNDS: usize = 20;
    const RACERS: usize = 30;
    let server = Server::start().await;
    for _ in 0..ROUNDS {
        server.post("/__emulator/reset").send().await;
        let mut racers = JoinSet::new();
        for _ in 0..RACERS {
            let url = format!(
                "{}/auth/v1/users/me/auth_factors/u2f/283746529384756123",
                server.base
            );
            racers.spawn(async move {
                let response = Client::new()
                    .delete(url)
                    .header("authorization", "Bearer demo-alice")
                    .send()
                    .await
                    .unwrap();
                response.status()
            });
        }
        let statuses = racers.join_all().await;
        let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
        let gone = statuses
            .iter()
            .filter(|s| **s == StatusCode::NOT_FOUND)
            .count();
        assert_eq!((ok, gone), (1, RACERS - 1), "{statuses:?}");
    }
    println!("race: {ROUNDS} rounds of {RACERS} concurrent DELETEs, exactly one 200 each");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_deletes_of_different_factors_lose_no_update() {
    let server = Server::start().await;
    let (_, before) = server.post("/__emulator/reset").send().await;
    let start: u64 = before["sequence"].as_str().unwrap().parse().unwrap();
    let paths = [
        "auth_factors/otp",
        "auth_factors/otp_sms",
        "auth_factors/otp_email",
        "auth_factors/u2f/283746529384756123",
        "auth_factors/u2f/283746529384751234",
        "passwordless/283746529384756999",
        "passwordless/283746529384757001",
        "passwordless/283746529384757002",
    ];
    let mut removals = JoinSet::new();
    for path in paths {
        let url = format!("{}/management/v1/users/{ALICE}/{path}", server.base);
        removals.spawn(async move {
            let response = Client::new()
                .delete(url)
                .header("authorization", "Bearer demo-admin")
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            let body: serde_json::Value = response.json().await.unwrap();
            body["details"]["sequence"]
                .as_str()
                .unwrap()
                .parse::<u64>()
                .unwrap()
        });
    }
    let mut sequences = removals.join_all().await;
    sequences.sort();
    let expected: Vec<u64> = (start + 1..=start + paths.len() as u64).collect();
    assert_eq!(sequences, expected, "one event each, none lost or repeated");
    let (_, factors) = server
        .post("/auth/v1/users/me/auth_factors/_search")
        .token("demo-alice")
        .send()
        .await;
    let (_, passkeys) = server
        .post("/auth/v1/users/me/passwordless/_search")
        .token("demo-alice")
        .send()
        .await;
    assert_eq!(
        (factors, passkeys),
        (serde_json::json!({}), serde_json::json!({}))
    );
}
