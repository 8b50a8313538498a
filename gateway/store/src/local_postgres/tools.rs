//! Finding PostgreSQL's programs and running them as the right user.
//!
//! `initdb`, `pg_ctl` and `postgres` refuse to run as root, so when this process is root they
//! run as Debian's `postgres` user through `setpriv`; the server is also started with a
//! parent-death signal, so it shuts down when its owner goes away without a chance to stop it.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::LocalPostgresError;

/// Where Debian installs each PostgreSQL major version's programs.
const DEBIAN_ROOT: &str = "/usr/lib/postgresql";
const SETPRIV_PATHS: [&str; 2] = ["/usr/bin/setpriv", "/bin/setpriv"];
/// Programs a cluster needs.
const REQUIRED: [&str; 5] = ["initdb", "postgres", "pg_ctl", "pg_isready", "createdb"];
/// Environment that would point PostgreSQL's programs somewhere else.
const PG_ENVIRONMENT: [&str; 9] = [
    "PGDATA",
    "PGHOST",
    "PGHOSTADDR",
    "PGPORT",
    "PGUSER",
    "PGDATABASE",
    "PGPASSWORD",
    "PGSERVICE",
    "PGOPTIONS",
];

/// How to launch PostgreSQL's programs on this machine.
#[derive(Debug, Clone)]
pub(super) struct Tools {
    bin: PathBuf,
    setpriv: PathBuf,
    /// `Some((uid, gid))` of the `postgres` user when this process is root.
    run_as: Option<(u32, u32)>,
}

impl Tools {
    /// Finds the newest installed PostgreSQL and decides who runs it.
    pub(super) fn find() -> Result<Tools, LocalPostgresError> {
        let bin = newest_bin_dir()?;
        let setpriv = SETPRIV_PATHS
            .iter()
            .map(PathBuf::from)
            .find(|path| path.is_file())
            .ok_or(LocalPostgresError::MissingSetpriv)?;
        let run_as = if running_as_root()? {
            Some(postgres_user()?)
        } else {
            None
        };
        Ok(Tools {
            bin,
            setpriv,
            run_as,
        })
    }

    /// The uid and gid that own the cluster's files, when they must differ from ours.
    pub(super) fn owner(&self) -> Option<(u32, u32)> {
        self.run_as
    }

    /// A server-side program (`initdb`, `pg_ctl`, `postgres`), run as the cluster's owner.
    pub(super) fn server_side(&self, program: &str) -> Command {
        let mut command = Command::new(&self.setpriv);
        if let Some((uid, gid)) = self.run_as {
            command.args([
                "--reuid",
                &uid.to_string(),
                "--regid",
                &gid.to_string(),
                "--clear-groups",
            ]);
        }
        command.arg("--").arg(self.bin.join(program));
        clean_environment(command)
    }

    /// The server itself, which receives SIGQUIT (immediate shutdown) if the thread that
    /// started it ends. `setpriv` applies the signal after switching user, which would
    /// otherwise clear it.
    pub(super) fn server(&self) -> Command {
        let mut command = Command::new(&self.setpriv);
        if let Some((uid, gid)) = self.run_as {
            command.args([
                "--reuid",
                &uid.to_string(),
                "--regid",
                &gid.to_string(),
                "--clear-groups",
            ]);
        }
        command
            .args(["--pdeathsig", "QUIT", "--"])
            .arg(self.bin.join("postgres"));
        clean_environment(command)
    }

    /// A client program (`pg_isready`, `createdb`), run as ourselves.
    pub(super) fn client(&self, program: &str) -> Command {
        clean_environment(Command::new(self.bin.join(program)))
    }
}

fn clean_environment(mut command: Command) -> Command {
    for name in PG_ENVIRONMENT {
        command.env_remove(name);
    }
    command
}

/// `/usr/lib/postgresql/<newest major>/bin`, if it holds every required program.
fn newest_bin_dir() -> Result<PathBuf, LocalPostgresError> {
    let missing = || LocalPostgresError::MissingBinaries {
        looked_in: format!("{DEBIAN_ROOT}/*/bin"),
    };
    let versions = fs::read_dir(DEBIAN_ROOT).map_err(|_| missing())?;
    versions
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let major: u32 = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            REQUIRED
                .iter()
                .all(|program| bin.join(program).is_file())
                .then_some((major, bin))
        })
        .max_by_key(|(major, _)| *major)
        .map(|(_, bin)| bin)
        .ok_or_else(missing)
}

/// `/proc/self` belongs to the process's effective user.
fn running_as_root() -> Result<bool, LocalPostgresError> {
    let metadata = fs::metadata("/proc/self").map_err(|source| LocalPostgresError::Io {
        action: "finding which user this process runs as (reading /proc/self)".to_string(),
        source,
    })?;
    Ok(metadata.uid() == 0)
}

/// The `postgres` user's uid and gid, from `/etc/passwd`.
fn postgres_user() -> Result<(u32, u32), LocalPostgresError> {
    let passwd =
        fs::read_to_string(Path::new("/etc/passwd")).map_err(|source| LocalPostgresError::Io {
            action: "reading /etc/passwd".to_string(),
            source,
        })?;
    passwd
        .lines()
        .filter_map(|line| {
            let mut fields = line.split(':');
            let name = fields.next()?;
            let uid = fields.nth(1)?.parse().ok()?;
            let gid = fields.next()?.parse().ok()?;
            (name == "postgres").then_some((uid, gid))
        })
        .next()
        .ok_or(LocalPostgresError::NoPostgresUser)
}
