//! The cluster's scratch folder: created fresh under the system temp folder, owned by the
//! cluster's user, and removed when the cluster stops.
//!
//! A cluster held in a `static` (shared by a test binary) is never dropped; its server dies
//! with the process (parent-death signal), and its folder is removed by the next start on this
//! machine, which sweeps folders whose owning process is gone.

use std::fs;
use std::os::unix::fs::chown;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use super::LocalPostgresError;

const PREFIX: &str = "revpulse-pg-";
const OWNER_FILE: &str = "owner.pid";

static CREATED: AtomicU32 = AtomicU32::new(0);

/// Creates `<temp>/revpulse-pg-<pid>-<n>-<nanos>`, records this process as its owner, and
/// hands it to `owner` (uid, gid) when given.
pub(super) fn create(owner: Option<(u32, u32)>) -> Result<PathBuf, LocalPostgresError> {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| since.subsec_nanos())
        .unwrap_or(0);
    let serial = CREATED.fetch_add(1, Ordering::Relaxed);
    let name = format!("{PREFIX}{}-{serial}-{nanos}", std::process::id());
    let dir = std::env::temp_dir().join(name);
    let io = |action: &str, source| LocalPostgresError::Io {
        action: format!("{action} {}", dir.display()),
        source,
    };
    fs::create_dir(&dir).map_err(|source| io("creating", source))?;
    fs::write(dir.join(OWNER_FILE), std::process::id().to_string())
        .map_err(|source| io("writing into", source))?;
    if let Some((uid, gid)) = owner {
        chown(&dir, Some(uid), Some(gid))
            .map_err(|source| io("handing to the postgres user", source))?;
    }
    Ok(dir)
}

/// Removes scratch folders left by processes that no longer exist. Best effort: a folder that
/// can't be read or removed is left alone.
pub(super) fn sweep_abandoned() {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let is_ours = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(PREFIX));
        if is_ours && owner_is_gone(&entry.path()) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn owner_is_gone(dir: &Path) -> bool {
    let Ok(text) = fs::read_to_string(dir.join(OWNER_FILE)) else {
        return false;
    };
    let Ok(pid) = text.trim().parse::<u32>() else {
        return false;
    };
    !Path::new("/proc").join(pid.to_string()).exists()
}
