//! A raw Bolt handshake over TCP: the cheapest proof that a port is served by
//! a Neo4j that speaks the Bolt 4.4 dialect our driver (neo4rs 0.9) uses,
//! without pulling a driver into this crate.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use crate::LocalNeo4jError;

/// The Bolt preamble every client sends first.
const MAGIC: [u8; 4] = [0x60, 0x60, 0xB0, 0x17];

/// Four proposals, each `[0, range, minor, major]`: 4.4 (down to 4.1), 4.0,
/// 3.0, none. Neo4j 5 answers 4.4, which is what neo4rs speaks.
const PROPOSALS: [[u8; 4]; 4] = [[0, 3, 4, 4], [0, 0, 0, 4], [0, 0, 0, 3], [0, 0, 0, 0]];

/// The Bolt protocol version a server agreed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoltVersion {
    /// Major version, e.g. 4.
    pub major: u8,
    /// Minor version, e.g. 4.
    pub minor: u8,
}

/// Does a Bolt handshake with `address` and returns the agreed version.
///
/// Fails with [`LocalNeo4jError::BoltHandshake`] when the connection fails,
/// times out, or the server agrees on no version. Blocking: call it from
/// `spawn_blocking` in async code.
pub fn bolt_handshake(
    address: SocketAddr,
    timeout: Duration,
) -> Result<BoltVersion, LocalNeo4jError> {
    let fail = |reason: String| LocalNeo4jError::BoltHandshake {
        address: address.to_string(),
        reason,
    };
    let mut stream =
        TcpStream::connect_timeout(&address, timeout).map_err(|e| fail(format!("connect: {e}")))?;
    stream
        .set_read_timeout(Some(timeout))
        .and_then(|()| stream.set_write_timeout(Some(timeout)))
        .map_err(|e| fail(format!("socket options: {e}")))?;

    let mut request = Vec::with_capacity(20);
    request.extend_from_slice(&MAGIC);
    for proposal in PROPOSALS {
        request.extend_from_slice(&proposal);
    }
    stream
        .write_all(&request)
        .map_err(|e| fail(format!("send: {e}")))?;

    let mut agreed = [0u8; 4];
    stream
        .read_exact(&mut agreed)
        .map_err(|e| fail(format!("read agreed version: {e}")))?;
    let version = BoltVersion {
        major: agreed[3],
        minor: agreed[2],
    };
    if version.major == 0 {
        return Err(fail(format!(
            "server accepted none of the proposed versions (answered {agreed:02x?})"
        )));
    }
    Ok(version)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;
    use std::net::TcpListener;

    fn serve_once(answer: [u8; 4]) -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            let (mut socket, _) = listener.accept().unwrap();
            let mut request = [0u8; 20];
            socket.read_exact(&mut request).unwrap();
            assert_eq!(request[..4], MAGIC);
            socket.write_all(&answer).unwrap();
        });
        address
    }

    #[test]
    fn reads_the_agreed_version() {
        let address = serve_once([0, 0, 4, 4]);
        let version = bolt_handshake(address, Duration::from_secs(5)).unwrap();
        assert_eq!(version, BoltVersion { major: 4, minor: 4 });
    }

    #[test]
    fn zero_means_no_agreement() {
        let address = serve_once([0, 0, 0, 0]);
        let error = bolt_handshake(address, Duration::from_secs(5)).unwrap_err();
        assert!(
            error.to_string().contains("none of the proposed"),
            "{error}"
        );
    }
}
