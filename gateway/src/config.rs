//! The gateway's configuration: a TOML file, then `REVPULSE_*` environment variables over it,
//! then validation — a bad value is reported with the file or variable that set it, and a
//! production configuration that would enable the development login is refused outright.
//! The schema (`docs/gateway-config.schema.json`) is generated from these types.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Development or production.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Local use: the GraphQL playground and introspection are on; the development login may be.
    #[default]
    Development,
    /// Deployed: no playground, no introspection, no development login.
    Production,
}

/// The whole configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct GatewayConfig {
    /// Address to listen on (`REVPULSE_LISTEN`).
    pub listen: SocketAddr,
    /// `development` or `production` (`REVPULSE_MODE`).
    pub mode: Mode,
    /// The URL clients use, printed at start and allowed as an MCP host (`REVPULSE_PUBLIC_URL`).
    pub public_url: Option<String>,
    /// App database: `sqlite://path` or `postgres://…` (`REVPULSE_APP_DATABASE_URL`); default a
    /// SQLite file in the RevPulse home.
    pub app_database_url: Option<String>,
    /// OIDC bearer tokens; absent → API tokens (and the development login) only.
    pub oidc: Option<OidcConfig>,
    /// How identity-provider groups map to roles.
    pub roles: RolesConfig,
    /// `Bearer dev:<user>` signs in as any demo user; development mode only
    /// (`REVPULSE_DEV_LOGIN=true`).
    pub dev_login: bool,
    /// Request limits.
    pub limits: LimitsConfig,
    /// Logs and traces.
    pub telemetry: TelemetryConfig,
    /// The reply cache for direct tool reads.
    pub cache: CacheConfig,
    /// A folder of static files (the web workspace) served at `/`.
    pub web_dir: Option<PathBuf>,
}

/// An OIDC issuer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OidcConfig {
    /// Issuer URL; discovery reads `{issuer}/.well-known/openid-configuration`
    /// (`REVPULSE_OIDC_ISSUER`).
    pub issuer: String,
    /// Expected `aud` (`REVPULSE_OIDC_AUDIENCE`).
    pub audience: String,
    /// Clock skew tolerated on `exp` / `nbf`, seconds (at most 300).
    #[serde(default = "default_skew")]
    pub clock_skew_secs: u64,
    /// Signature algorithms accepted: `RS256`, `ES256`.
    #[serde(default = "default_algorithms")]
    pub algorithms: Vec<String>,
    /// Claim holding the groups.
    #[serde(default = "default_groups_claim")]
    pub groups_claim: String,
    /// Claim holding the RevPulse user id, if the issuer sends one (else the email is matched).
    #[serde(default = "default_user_claim")]
    pub user_id_claim: String,
}

/// Groups → roles.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct RolesConfig {
    /// Group name → role (`cro`, `executive`, `regional_vp`, `manager`, `rep`, `marketing`,
    /// `finance`, `customer_success`).
    pub groups: BTreeMap<String, String>,
    /// Groups whose members are administrators (audit log, API tokens).
    pub admin_groups: Vec<String>,
    /// Role of a signed-in person in no mapped group; absent → refused.
    pub default_role: Option<String>,
}

/// Request limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsConfig {
    /// Sustained requests per minute per principal.
    pub requests_per_minute: u32,
    /// Requests a principal may burst above the sustained rate.
    pub burst: u32,
    /// Seconds before a request (not a stream) is cut off.
    pub request_timeout_secs: u64,
    /// Largest request body, bytes.
    pub body_limit_bytes: usize,
    /// Deepest GraphQL selection.
    pub graphql_max_depth: usize,
    /// Highest GraphQL complexity.
    pub graphql_max_complexity: usize,
    /// Seconds a shutdown waits for answers still streaming.
    pub shutdown_grace_secs: u64,
}

/// The reply cache for direct tool reads (GraphQL fields, MCP tools and resources). Replies
/// are keyed by tool, arguments, the caller's scope, today and the graph's data version, so a
/// load is seen on the next call; the time-to-live bounds how stale a reply built on the
/// conversation index can get.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CacheConfig {
    /// Seconds a reply is kept; 0 turns the cache off (`REVPULSE_CACHE_TTL_SECS`).
    pub ttl_secs: u64,
    /// Most replies kept; 0 turns the cache off.
    pub max_entries: usize,
}

impl Default for CacheConfig {
    fn default() -> Self {
        Self {
            ttl_secs: 60,
            max_entries: 1024,
        }
    }
}

/// Logs and traces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct TelemetryConfig {
    /// OTLP/HTTP endpoint for traces, e.g. `http://collector:4318` (`REVPULSE_OTLP_ENDPOINT`).
    pub otlp_endpoint: Option<String>,
    /// The service name on traces.
    pub service_name: String,
    /// JSON log lines (else human-readable).
    pub json_logs: bool,
    /// Log filter (`RUST_LOG` syntax).
    pub log_filter: String,
}

fn default_skew() -> u64 {
    60
}
fn default_algorithms() -> Vec<String> {
    vec!["RS256".into(), "ES256".into()]
}
fn default_groups_claim() -> String {
    "groups".into()
}
fn default_user_claim() -> String {
    "revpulse_user_id".into()
}

impl Default for GatewayConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            mode: Mode::Development,
            public_url: None,
            app_database_url: None,
            oidc: None,
            roles: RolesConfig::default(),
            dev_login: false,
            limits: LimitsConfig::default(),
            telemetry: TelemetryConfig::default(),
            cache: CacheConfig::default(),
            web_dir: None,
        }
    }
}

impl Default for LimitsConfig {
    fn default() -> Self {
        Self {
            requests_per_minute: 600,
            burst: 100,
            request_timeout_secs: 30,
            body_limit_bytes: 1024 * 1024,
            graphql_max_depth: 12,
            graphql_max_complexity: 2_000,
            shutdown_grace_secs: 30,
        }
    }
}

impl Default for TelemetryConfig {
    fn default() -> Self {
        Self {
            otlp_endpoint: None,
            service_name: "revpulse-gateway".into(),
            json_logs: false,
            log_filter: "info".into(),
        }
    }
}

/// A configuration that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("reading the gateway configuration {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid.
    #[error("gateway configuration {path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong, with line and column.
        message: String,
    },
    /// An environment variable is not valid.
    #[error("environment variable {name}=`{value}`: {message}")]
    Env {
        /// The variable.
        name: &'static str,
        /// Its value.
        value: String,
        /// What is wrong.
        message: String,
    },
    /// The values do not fit together.
    #[error("gateway configuration: {0}")]
    Invalid(String),
}

impl GatewayConfig {
    /// Reads `file` (if given), applies the environment from `env`, and validates.
    pub fn load(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let mut config = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.to_owned(),
                    source,
                })?;
                toml::from_str(&text).map_err(|e| ConfigError::Parse {
                    path: path.to_owned(),
                    message: e.to_string(),
                })?
            }
            None => Self::default(),
        };
        config.apply_env(env)?;
        config.validate()?;
        Ok(config)
    }

    fn apply_env(&mut self, env: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        fn bad(name: &'static str, value: &str, message: impl ToString) -> ConfigError {
            ConfigError::Env {
                name,
                value: value.to_owned(),
                message: message.to_string(),
            }
        }
        if let Some(v) = env("REVPULSE_LISTEN") {
            self.listen = v.parse().map_err(|e| bad("REVPULSE_LISTEN", &v, e))?;
        }
        if let Some(v) = env("REVPULSE_MODE") {
            self.mode = match v.as_str() {
                "development" => Mode::Development,
                "production" => Mode::Production,
                _ => {
                    return Err(bad(
                        "REVPULSE_MODE",
                        &v,
                        "use `development` or `production`",
                    ));
                }
            };
        }
        if let Some(v) = env("REVPULSE_PUBLIC_URL") {
            self.public_url = Some(v);
        }
        if let Some(v) = env("REVPULSE_APP_DATABASE_URL") {
            self.app_database_url = Some(v);
        }
        if let Some(v) = env("REVPULSE_DEV_LOGIN") {
            self.dev_login = v
                .parse()
                .map_err(|_| bad("REVPULSE_DEV_LOGIN", &v, "use `true` or `false`"))?;
        }
        if let Some(v) = env("REVPULSE_OTLP_ENDPOINT") {
            self.telemetry.otlp_endpoint = Some(v);
        }
        if let Some(v) = env("REVPULSE_CACHE_TTL_SECS") {
            self.cache.ttl_secs = v
                .parse()
                .map_err(|e| bad("REVPULSE_CACHE_TTL_SECS", &v, e))?;
        }
        match (env("REVPULSE_OIDC_ISSUER"), env("REVPULSE_OIDC_AUDIENCE")) {
            (Some(issuer), Some(audience)) => {
                let mut oidc = self.oidc.clone().unwrap_or(OidcConfig {
                    issuer: String::new(),
                    audience: String::new(),
                    clock_skew_secs: default_skew(),
                    algorithms: default_algorithms(),
                    groups_claim: default_groups_claim(),
                    user_id_claim: default_user_claim(),
                });
                oidc.issuer = issuer;
                oidc.audience = audience;
                self.oidc = Some(oidc);
            }
            (None, None) => {}
            (Some(v), None) | (None, Some(v)) => {
                return Err(bad(
                    "REVPULSE_OIDC_ISSUER",
                    &v,
                    "set REVPULSE_OIDC_ISSUER and REVPULSE_OIDC_AUDIENCE together",
                ));
            }
        }
        Ok(())
    }

    /// Checks the values fit together.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |m: String| Err(ConfigError::Invalid(m));
        if self.mode == Mode::Production && self.dev_login {
            return invalid(
                "the development login cannot be enabled in production mode; remove \
                 `dev_login` (or REVPULSE_DEV_LOGIN)"
                    .into(),
            );
        }
        let l = &self.limits;
        if l.requests_per_minute == 0 || l.request_timeout_secs == 0 || l.body_limit_bytes == 0 {
            return invalid(
                "limits.requests_per_minute, request_timeout_secs and body_limit_bytes must be \
                 above 0"
                    .into(),
            );
        }
        if l.graphql_max_depth == 0 || l.graphql_max_complexity == 0 {
            return invalid(
                "limits.graphql_max_depth and graphql_max_complexity must be above 0".into(),
            );
        }
        if let Some(oidc) = &self.oidc {
            if !oidc.issuer.starts_with("https://") && !oidc.issuer.starts_with("http://") {
                return invalid(format!(
                    "oidc.issuer `{}` is not an http(s) URL",
                    oidc.issuer
                ));
            }
            if self.mode == Mode::Production && oidc.issuer.starts_with("http://") {
                return invalid(format!(
                    "oidc.issuer `{}` must use https in production",
                    oidc.issuer
                ));
            }
            if oidc.clock_skew_secs > 300 {
                return invalid(format!(
                    "oidc.clock_skew_secs is {}; at most 300 is allowed",
                    oidc.clock_skew_secs
                ));
            }
            for alg in &oidc.algorithms {
                if !matches!(alg.as_str(), "RS256" | "ES256") {
                    return invalid(format!(
                        "oidc.algorithms: `{alg}` is not accepted (RS256 or ES256)"
                    ));
                }
            }
        }
        const ROLES: [&str; 8] = [
            "cro",
            "executive",
            "regional_vp",
            "manager",
            "rep",
            "marketing",
            "finance",
            "customer_success",
        ];
        for (group, role) in self
            .roles
            .groups
            .iter()
            .map(|(g, r)| (g.as_str(), r.as_str()))
            .chain(
                self.roles
                    .default_role
                    .as_deref()
                    .map(|r| ("(default_role)", r)),
            )
        {
            if !ROLES.contains(&role) {
                return invalid(format!(
                    "roles: group `{group}` maps to `{role}`, which is not one of {}",
                    ROLES.join(", ")
                ));
            }
        }
        Ok(())
    }

    /// The configuration's JSON Schema (documented in `docs/gateway-config.schema.json`).
    pub fn json_schema() -> serde_json::Value {
        schemars::schema_for!(GatewayConfig).to_value()
    }
}
