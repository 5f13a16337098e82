//! The emulator binary as the demo runs it: prints its URL and demo sign-ins, logs one
//! line per request without a token, and stops on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn logs_requests_without_tokens_and_stops_cleanly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zitadel-emulator"))
        .args(["--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut banner = Vec::new();
    let url = loop {
        let line = lines.next().expect("emulator output").unwrap();
        banner.push(line.clone());
        if let Some(url) = line.strip_prefix("listening on ") {
            break url.to_string();
        }
    };
    assert!(
        banner
            .iter()
            .any(|l| l.contains("alice") && l.contains("demo-alice")),
        "{banner:?}"
    );

    let status = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            reqwest::Client::new()
                .post(format!("{url}/auth/v1/users/me/auth_factors/_search"))
                .header("authorization", "Bearer demo-alice")
                .timeout(Duration::from_secs(5))
                .send()
                .await
                .unwrap()
                .status()
        })
    })
    .join()
    .unwrap();
    assert_eq!(status, 200);

    let line = lines.next().unwrap().unwrap();
    assert!(
        line.starts_with("POST /auth/v1/users/me/auth_factors/_search 200 "),
        "{line}"
    );
    assert!(!line.contains("demo-alice"));

    send_sigterm(child.id());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
}

fn send_sigterm(pid: u32) {
    let status = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}
