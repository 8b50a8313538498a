//! The remote embedder against (1) a recorded OpenAI embeddings reply served from loopback,
//! checking what we send and what we make of the answer, and (2) a real provider when
//! `REVPULSE_EMBED_URL` (+ `REVPULSE_EMBED_KEY`, `REVPULSE_EMBED_MODEL`) is set.

use revpulse_search::embed::{EmbedError, Embedder, RemoteConfig, RemoteEmbedder, cosine};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// One HTTP request as the test server saw it.
#[derive(Debug)]
struct Seen {
    request_line: String,
    headers: Vec<(String, String)>,
    body: Value,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Serves `replies` (status, JSON body) to successive connections on loopback; returns the
/// base URL and a channel of the requests received.
async fn serve(replies: Vec<(u16, Value)>) -> (String, tokio::sync::mpsc::UnboundedReceiver<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        for (status, reply) in replies {
            let (mut socket, _) = listener.accept().await.unwrap();
            let seen = read_request(&mut socket).await;
            tx.send(seen).unwrap();
            let body = reply.to_string();
            let response = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            socket.write_all(response.as_bytes()).await.unwrap();
            socket.shutdown().await.ok();
        }
    });
    (format!("http://{addr}/v1"), rx)
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> Seen {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let header_end = loop {
        let n = socket.read(&mut chunk).await.unwrap();
        assert!(n > 0, "client closed before sending a request");
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8(buf[..header_end].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap().to_string();
    let headers: Vec<(String, String)> = lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (k, v) = l.split_once(':').unwrap();
            (k.trim().to_string(), v.trim().to_string())
        })
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .map(|(_, v)| v.parse().unwrap())
        .expect("request without content-length");
    while buf.len() < header_end + length {
        let n = socket.read(&mut chunk).await.unwrap();
        assert!(n > 0);
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = serde_json::from_slice(&buf[header_end..header_end + length]).unwrap();
    Seen {
        request_line,
        headers,
        body,
    }
}

/// The shape of OpenAI's documented `POST /embeddings` reply.
fn recorded_reply(vectors: &[Vec<f64>]) -> Value {
    json!({
        "object": "list",
        "data": vectors.iter().enumerate().map(|(i, v)| json!({
            "object": "embedding",
            "index": i,
            "embedding": v,
        })).collect::<Vec<_>>(),
        "model": "text-embedding-3-small",
        "usage": {"prompt_tokens": 8, "total_tokens": 8}
    })
}

#[tokio::test]
async fn sends_an_openai_request_and_normalises_the_reply() {
    let (url, mut seen) = serve(vec![(
        200,
        recorded_reply(&[vec![3.0, 4.0, 0.0], vec![0.0, 0.0, 2.0]]),
    )])
    .await;
    let embedder = RemoteEmbedder::new(RemoteConfig::new(
        &url,
        "sk-test-123",
        "text-embedding-3-small",
        3,
    ));
    assert_eq!(embedder.dimension(), 3);
    assert!(embedder.model_id().contains("text-embedding-3-small"));

    let texts = vec!["pricing objection".to_string(), "renewal risk".to_string()];
    let vectors = embedder.embed(&texts).await.unwrap();
    assert_eq!(vectors, vec![vec![0.6, 0.8, 0.0], vec![0.0, 0.0, 1.0]]);

    let request = seen.recv().await.unwrap();
    assert_eq!(request.request_line, "POST /v1/embeddings HTTP/1.1");
    assert_eq!(request.header("authorization"), Some("Bearer sk-test-123"));
    assert!(
        request
            .header("content-type")
            .is_some_and(|v| v.starts_with("application/json"))
    );
    assert_eq!(request.body["model"], "text-embedding-3-small");
    assert_eq!(
        request.body["input"],
        json!(["pricing objection", "renewal risk"])
    );
}

#[tokio::test]
async fn a_wrong_length_vector_is_a_dimension_error() {
    let (url, _seen) = serve(vec![(200, recorded_reply(&[vec![1.0, 0.0]]))]).await;
    let embedder = RemoteEmbedder::new(RemoteConfig::new(&url, "k", "m", 3));
    let err = embedder.embed(&["x".to_string()]).await.unwrap_err();
    assert!(
        matches!(
            err,
            EmbedError::Dimension {
                expected: 3,
                got: 2
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_error_status_is_a_provider_error() {
    let reply = json!({"error": {"message": "Incorrect API key provided", "type": "invalid_request_error", "code": "invalid_api_key"}});
    let (url, _seen) = serve(vec![(400, reply)]).await;
    let embedder = RemoteEmbedder::new(RemoteConfig::new(&url, "bad", "m", 3));
    let err = embedder.embed(&["x".to_string()]).await.unwrap_err();
    let EmbedError::Provider { provider, message } = &err else {
        panic!("expected a provider error, got {err:?}");
    };
    assert_eq!(provider, &url);
    assert!(
        message.contains("400") || message.contains("Incorrect API key"),
        "message should say what the provider answered: {message}"
    );
}

#[tokio::test]
async fn empty_input_sends_nothing() {
    // No server: a request would fail to connect.
    let embedder = RemoteEmbedder::new(RemoteConfig::new("http://127.0.0.1:9/v1", "k", "m", 3));
    assert!(embedder.embed(&[]).await.unwrap().is_empty());
}

/// Conformance against a real provider, when one is configured.
#[tokio::test]
async fn real_provider_conformance() {
    let Ok(url) = std::env::var("REVPULSE_EMBED_URL") else {
        println!("skipped: REVPULSE_EMBED_URL not set");
        return;
    };
    let key = std::env::var("REVPULSE_EMBED_KEY").unwrap_or_default();
    let model =
        std::env::var("REVPULSE_EMBED_MODEL").unwrap_or_else(|_| "text-embedding-3-small".into());
    // Learn the width from one call, then check every contract on a second embedder.
    let probe = RemoteEmbedder::new(RemoteConfig::new(&url, &key, &model, 0));
    let dimension = match probe.embed(&["probe".to_string()]).await {
        Err(EmbedError::Dimension { got, .. }) => got,
        other => panic!("probe with dimension 0 should report the real width: {other:?}"),
    };
    let embedder = RemoteEmbedder::new(RemoteConfig::new(&url, &key, &model, dimension));
    let texts: Vec<String> = [
        "A man is eating food.",
        "A man is eating a piece of bread.",
        "The quarterly forecast slipped because two enterprise deals pushed.",
    ]
    .map(String::from)
    .to_vec();
    let vectors = embedder.embed(&texts).await.unwrap();
    assert_eq!(vectors.len(), 3);
    for v in &vectors {
        assert_eq!(v.len(), dimension);
        let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4);
    }
    assert!(cosine(&vectors[0], &vectors[1]) > cosine(&vectors[0], &vectors[2]));
    println!("provider {url} model {model}: {dimension} dimensions");
}
