//! `zitadel-emulator [--listen ADDR] [--dist DIR] [--seed FILE] [--state FILE]
//! [--allowed-origins A,B] [--demo-user NAME] [--exchanges FILE] [--sign-in] [--dev-mode]`

use std::path::PathBuf;
use std::process::ExitCode;

use tokio::net::TcpListener;
use zitadel_emulator::store::{Seed, DEFAULT_SEED};
use zitadel_emulator::{app, serve, AdminDemo, AppState, DemoUser, Site};

const USAGE: &str = "usage: zitadel-emulator [--listen 127.0.0.1:8080] [--dist DIR] [--seed FILE] \
[--state FILE] [--allowed-origins https://a,https://b] [--demo-user NAME] [--exchanges FILE] [--sign-in] \
[--dev-mode]";

struct Options {
    listen: String,
    dist: Option<PathBuf>,
    seed: Option<PathBuf>,
    state: Option<PathBuf>,
    allowed_origins: Option<Vec<String>>,
    demo_user: String,
    /// Appends every API exchange to this file, for the suite's checks.
    exchanges: Option<PathBuf>,
    /// The page signs in through the emulator's OpenID provider (starts signed out).
    sign_in: bool,
    /// The OpenID client is in development mode: its `http://` redirect URIs are
    /// accepted, as ZITADEL accepts them only then.
    dev_mode: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        listen: "127.0.0.1:8080".into(),
        dist: None,
        seed: None,
        state: None,
        allowed_origins: None,
        demo_user: "alice".into(),
        exchanges: None,
        sign_in: false,
        dev_mode: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--listen" => options.listen = value()?,
            "--dist" => options.dist = Some(value()?.into()),
            "--seed" => options.seed = Some(value()?.into()),
            "--demo-user" => options.demo_user = value()?,
            "--state" => options.state = Some(value()?.into()),
            "--exchanges" => options.exchanges = Some(value()?.into()),
            "--sign-in" => options.sign_in = true,
            "--dev-mode" => options.dev_mode = true,
            "--allowed-origins" => {
                let raw = value()?;
                let list = raw.split(',').map(str::trim).filter(|o| !o.is_empty());
                options.allowed_origins = Some(list.map(str::to_string).collect());
            }
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(options)
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("SIGTERM handler");
    tokio::select! {
        _ = ctrl_c => {}
        _ = term.recv() => {}
    }
    println!("stopping");
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("zitadel-emulator: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let options = parse_args()?;
    let seed_json = match &options.seed {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read seed {}: {e}", path.display()))?,
        None => DEFAULT_SEED.to_string(),
    };
    let seed = Seed::parse(&seed_json)?;
    let demo = seed
        .users
        .iter()
        .find(|u| u.user_name == options.demo_user)
        .ok_or(format!(
            "--demo-user {}: no such user in the seed",
            options.demo_user
        ))?;
    let demo_token = demo.token.clone();
    let listener = TcpListener::bind(&options.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", options.listen))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;

    println!("ZITADEL emulator: demo sign-ins (bearer tokens):");
    for user in &seed.users {
        println!("  {:<8} {:<12} {}", user.user_name, user.token, user.about);
    }
    // The admin demo: the seed's admin administers gina, of another organization.
    let by_name = |name: &str| seed.users.iter().find(|u| u.user_name == name);
    let admin = by_name("admin")
        .zip(by_name("gina"))
        .map(|(admin, gina)| AdminDemo {
            token: admin.token.clone(),
            user_id: gina.id.clone(),
            org_id: gina.org_id.clone(),
            users: seed
                .users
                .iter()
                .map(|u| DemoUser {
                    name: u.user_name.clone(),
                    token: u.token.clone(),
                    id: u.id.clone(),
                    org_id: u.org_id.clone(),
                })
                .collect(),
        });
    let site = options.dist.map(|dist| Site {
        dist,
        demo_token: Some(demo_token.clone()),
        admin: admin.clone(),
        sign_in: options.sign_in,
    });
    if site.is_some() {
        let user = &options.demo_user;
        if options.sign_in {
            println!("widget page (sign in with a seeded user): http://{address}/");
        } else {
            println!("widget page signed in as {user} ({demo_token}): http://{address}/");
        }
        if admin.is_some() {
            println!("admin demo (admin administers gina of Globex): http://{address}/admin");
        }
        println!("example portal (the package, getToken, events): http://{address}/portal/");
    }
    println!("listening on http://{address}");

    let mut state = AppState::new(seed);
    if options.dev_mode {
        state = state.with_oidc_dev_mode();
    }
    if let Some(origins) = options.allowed_origins {
        println!("allowed origins: {}", origins.join(", "));
        state = state.with_allowed_origins(origins);
    }
    if let Some(path) = options.state {
        println!("state file: {}", path.display());
        state = state.with_state_file(path)?;
    }
    if let Some(path) = options.exchanges {
        state = state.with_exchange_log(&path)?;
    }
    serve(listener, app(state, site), shutdown_signal())
        .await
        .map_err(|e| format!("server failed: {e}"))
}
