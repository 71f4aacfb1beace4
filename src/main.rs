//! The `incognito` binary: parses the command line, sets up logging, and runs the service
//! or a maintenance command. Everything else lives in the library.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use incognito::config::{Config, LogFormat};
use incognito::server::{self, AppState};
use tracing_subscriber::EnvFilter;

/// A self-hosted implementation of AWS Cognito.
#[derive(Debug, Parser)]
#[command(name = "incognito", version, about)]
struct Cli {
    /// Configuration file (TOML), layered over config/default.toml; env vars still win.
    #[arg(long, global = true, env = "INCOGNITO_CONFIG")]
    config: Option<PathBuf>,
    /// Log format; overrides log.format.
    #[arg(long, global = true, value_enum)]
    log_format: Option<LogFormat>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the service (the default).
    Serve {
        /// Seed file (TOML or JSON) applied at start; overrides seed.file.
        #[arg(long)]
        seed: Option<PathBuf>,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Manage signing keys.
    Keys {
        #[command(subcommand)]
        action: KeysCommand,
    },
}

#[derive(Debug, Subcommand)]
enum KeysCommand {
    /// Add a new active signing key to a user pool. Older keys stay in the JWKS until the
    /// tokens they signed have expired (24 h), so nothing in flight breaks.
    Rotate {
        /// The user pool id, e.g. us-east-1_Example01.
        #[arg(long)]
        user_pool: String,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let mut config = Config::load(cli.config.as_deref()).context("loading configuration")?;
    if let Some(format) = cli.log_format {
        config.log.format = format;
    }
    init_tracing(&config);
    match cli.command.unwrap_or(Command::Serve { seed: None }) {
        Command::Serve { seed } => serve(config, seed).await,
        Command::Migrate => {
            AppState::build(config).await.context("migrating")?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Keys { action: KeysCommand::Rotate { user_pool } } => {
            let state = AppState::build(config).await.context("starting")?;
            if state.store.get_pool(&user_pool).await?.is_none() {
                anyhow::bail!("user pool {user_pool} does not exist");
            }
            let kid = state.user_pools.keys.rotate(&user_pool).await?;
            println!("{kid}");
            tracing::info!(user_pool.id = %user_pool, kid = %kid, "signing key rotated");
            Ok(())
        }
    }
}

async fn serve(mut config: Config, seed: Option<PathBuf>) -> anyhow::Result<()> {
    if seed.is_some() {
        config.seed.file = seed;
    }
    let addr = config.listen_addr()?;
    let seed_file = config.seed.file.clone();
    let state = AppState::build(config).await.context("starting")?;
    incognito::seed::apply_configured(&state, seed_file.as_deref()).await.context("applying seed file")?;
    let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("binding {addr}"))?;
    tracing::info!(
        listen = %listener.local_addr()?,
        database = state.store.backend(),
        admin_mode = ?state.config.admin_mode()?,
        "incognito is ready"
    );
    server::serve(listener, state, server::shutdown_signal()).await?;
    Ok(())
}

fn init_tracing(config: &Config) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&config.log.level));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match config.log.format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}
