//! The gateway configuration: a TOML file, environment variables over it, validation that
//! names what is wrong and where, and the checked-in JSON Schema kept equal to the types.

use std::collections::HashMap;

use revpulse_gateway::config::{ConfigError, GatewayConfig, Mode};

fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    move |k| map.get(k).cloned()
}

fn write(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gateway.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn a_file_then_the_environment() {
    let (_dir, path) = write(
        r#"
listen = "0.0.0.0:9000"
mode = "production"
public_url = "https://revpulse.example.com"

[oidc]
issuer = "https://login.example.com/"
audience = "revpulse"

[roles]
groups = { "sales-leaders" = "cro", "emea-vps" = "regional_vp" }
admin_groups = ["revops"]

[limits]
requests_per_minute = 120
"#,
    );
    let config =
        GatewayConfig::load(Some(&path), env(&[("REVPULSE_LISTEN", "127.0.0.1:9100")])).unwrap();
    assert_eq!(config.mode, Mode::Production);
    assert_eq!(
        config.listen.to_string(),
        "127.0.0.1:9100",
        "the environment wins"
    );
    assert_eq!(config.limits.requests_per_minute, 120);
    assert_eq!(config.limits.burst, GatewayConfig::default().limits.burst);
    let oidc = config.oidc.unwrap();
    assert_eq!(oidc.clock_skew_secs, 60);
    assert_eq!(oidc.algorithms, ["RS256", "ES256"]);
    assert_eq!(config.roles.groups["emea-vps"], "regional_vp");
}

#[test]
fn bad_values_are_named_with_where_they_came_from() {
    let (_dir, path) = write("listen = \"127.0.0.1:8080\"\ncolour = \"blue\"\n");
    let err = GatewayConfig::load(Some(&path), env(&[])).unwrap_err();
    assert!(matches!(err, ConfigError::Parse { .. }), "{err}");
    assert!(
        err.to_string().contains("colour") && err.to_string().contains("gateway.toml"),
        "{err}"
    );

    let err = GatewayConfig::load(None, env(&[("REVPULSE_LISTEN", "everywhere")])).unwrap_err();
    assert!(err.to_string().contains("REVPULSE_LISTEN"), "{err}");

    let err =
        GatewayConfig::load(None, env(&[("REVPULSE_CACHE_TTL_SECS", "a minute")])).unwrap_err();
    assert!(
        err.to_string().contains("REVPULSE_CACHE_TTL_SECS") && err.to_string().contains("a minute"),
        "{err}"
    );
    let (_dir, path) = write("[cache]\nttl_secs = -5\n");
    let err = GatewayConfig::load(Some(&path), env(&[])).unwrap_err();
    assert!(err.to_string().contains("ttl_secs"), "{err}");

    let err = GatewayConfig::load(None, env(&[("REVPULSE_OIDC_ISSUER", "https://x")])).unwrap_err();
    assert!(err.to_string().contains("REVPULSE_OIDC_AUDIENCE"), "{err}");

    let (_dir, path) = write("[roles]\ngroups = { \"x\" = \"emperor\" }\n");
    let err = GatewayConfig::load(Some(&path), env(&[])).unwrap_err();
    assert!(err.to_string().contains("emperor"), "{err}");

    let (_dir, path) =
        write("[oidc]\nissuer = \"https://i\"\naudience = \"a\"\nalgorithms = [\"HS256\"]\n");
    let err = GatewayConfig::load(Some(&path), env(&[])).unwrap_err();
    assert!(err.to_string().contains("HS256"), "{err}");
}

#[test]
fn production_never_enables_the_development_login() {
    let err = GatewayConfig::load(
        None,
        env(&[
            ("REVPULSE_MODE", "production"),
            ("REVPULSE_DEV_LOGIN", "true"),
        ]),
    )
    .unwrap_err();
    assert!(err.to_string().contains("development login"), "{err}");
    let (_dir, path) =
        write("mode = \"production\"\n[oidc]\nissuer = \"http://login\"\naudience = \"a\"\n");
    let err = GatewayConfig::load(Some(&path), env(&[])).unwrap_err();
    assert!(err.to_string().contains("https"), "{err}");
}

#[test]
fn the_checked_in_schema_matches_the_types() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/gateway-config.schema.json");
    let current = serde_json::to_string_pretty(&GatewayConfig::json_schema()).unwrap() + "\n";
    if std::env::var_os("REVPULSE_UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &current).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == current,
        "docs/gateway-config.schema.json is out of date; regenerate it with \
         REVPULSE_UPDATE_SCHEMAS=1 cargo test -p revpulse-gateway --test all schema"
    );
}
