//! A gateway served the way `revpulse serve` serves it — `Gateway::build`, `bind`, `serve` —
//! on 127.0.0.1 port 0, with the shutdown signal and the serve task kept so a test can stop
//! it and see what `serve` returned. [`start_as_process`] also ends the way the process ends:
//! its runtime is dropped the moment `serve` returns, taking every task still running with it.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use revpulse_gateway::config::GatewayConfig;
use revpulse_gateway::http::Gatekeeper;
use revpulse_gateway::ops::in_flight::InFlight;
use revpulse_gateway::ops::readiness::Readiness;
use revpulse_gateway::server::{Gateway, ServeError};
use revpulse_gateway::service::RevPulseService;
use revpulse_gateway::startup::authenticator_from;
use tokio::sync::oneshot;

/// What `serve` returned.
type Served = Result<usize, ServeError>;

/// Where `serve` runs.
enum Serving {
    /// A task on the test's runtime.
    Task(tokio::task::JoinHandle<Served>),
    /// A thread with its own runtime, dropped when `serve` returns.
    Process {
        thread: std::thread::JoinHandle<()>,
        exited: oneshot::Receiver<Served>,
    },
}

/// A gateway serving on loopback.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// `http://{addr}`.
    pub base: String,
    /// Its count of answers still streaming.
    pub in_flight: InFlight,
    /// The grace period `serve` was given.
    pub grace: Duration,
    stop: Option<oneshot::Sender<()>>,
    serving: Serving,
}

impl Running {
    /// `ws://{addr}/graphql/ws`.
    pub fn graphql_ws_url(&self) -> String {
        format!("ws://{}/graphql/ws", self.addr)
    }

    /// Fires the shutdown signal given to `serve` (once).
    pub fn signal_shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }

    /// Whether `serve` has returned.
    pub fn has_returned(&self) -> bool {
        match &self.serving {
            Serving::Task(task) => task.is_finished(),
            Serving::Process { thread, .. } => thread.is_finished(),
        }
    }

    /// What `serve` returned: how many answers were still streaming when it gave up. For a
    /// gateway started as a process, its runtime is gone when this returns.
    pub async fn served(self) -> Served {
        match self.serving {
            Serving::Task(task) => task.await.unwrap(),
            Serving::Process { exited, .. } => exited.await.unwrap(),
        }
    }

    /// Signals shutdown and waits for `serve`, which must end cleanly with nothing left.
    pub async fn stop(mut self) {
        self.signal_shutdown();
        assert_eq!(self.served().await.unwrap(), 0);
    }
}

/// The gateway for `config` over `service`, authenticating the way `revpulse serve` does
/// (development login, API tokens from the app database, OIDC).
async fn build(service: RevPulseService, config: &GatewayConfig) -> Gateway {
    let authenticator = authenticator_from(config, service.app().clone())
        .await
        .unwrap();
    let gatekeeper = Gatekeeper::new(Arc::new(authenticator), service.clone());
    let app = service.app().clone();
    let readiness = Readiness::new().with(
        "app_database",
        Arc::new(move || {
            let app = app.clone();
            Box::pin(async move { app.ping().await.map_err(|e| e.to_string()) })
        }),
    );
    Gateway::build(config, service, gatekeeper, readiness, |_| {
        axum::Router::new()
    })
    .unwrap()
}

/// Binds a free loopback port.
async fn bind() -> tokio::net::TcpListener {
    Gateway::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .unwrap()
}

/// Serves a gateway for `config` over `service` on a task of the test's runtime.
pub async fn start(service: RevPulseService, config: GatewayConfig) -> Running {
    let gateway = build(service, &config).await;
    let in_flight = gateway.state.in_flight.clone();
    let listener = bind().await;
    let addr = listener.local_addr().unwrap();
    let grace = Duration::from_secs(config.limits.shutdown_grace_secs);
    let (stop, stopped) = oneshot::channel::<()>();
    let serving = tokio::spawn(gateway.serve(
        listener,
        async move {
            let _ = stopped.await;
        },
        grace,
    ));
    Running {
        addr,
        base: format!("http://{addr}"),
        in_flight,
        grace,
        stop: Some(stop),
        serving: Serving::Task(serving),
    }
}

/// Serves a gateway for `config` over `service` like the `revpulse serve` process: on its
/// own runtime, which is dropped as soon as `serve` returns (as `main` returning drops it).
pub async fn start_as_process(service: RevPulseService, config: GatewayConfig) -> Running {
    let gateway = build(service, &config).await;
    let in_flight = gateway.state.in_flight.clone();
    let grace = Duration::from_secs(config.limits.shutdown_grace_secs);
    let (stop, stopped) = oneshot::channel::<()>();
    let (bound, listening) = oneshot::channel::<SocketAddr>();
    let (exit, exited) = oneshot::channel::<Served>();
    let thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let served = runtime.block_on(async move {
            let listener = bind().await;
            let _ = bound.send(listener.local_addr().unwrap());
            let stopped = async move {
                let _ = stopped.await;
            };
            gateway.serve(listener, stopped, grace).await
        });
        drop(runtime);
        let _ = exit.send(served);
    });
    let addr = listening.await.unwrap();
    Running {
        addr,
        base: format!("http://{addr}"),
        in_flight,
        grace,
        stop: Some(stop),
        serving: Serving::Process { thread, exited },
    }
}

/// A development configuration with the development login on.
pub fn development() -> GatewayConfig {
    GatewayConfig {
        dev_login: true,
        ..GatewayConfig::default()
    }
}
