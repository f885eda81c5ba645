//! The HTTP server's own defences (issue 8, hole 13): a client that sends half a request, or
//! keeps a connection open without using it, is cut off instead of holding a file descriptor
//! for ever. The timeouts here are short; the assertions wait generously, so a slow machine
//! only makes the test slower, never wrong.

use crate::common;

use std::time::Duration;

use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use web::server::{Timeouts, serve};

/// Reads until the server closes the connection; the bytes read, or `None` if it stays open.
async fn closed_within(s: &mut TcpStream, wait: Duration) -> Option<Vec<u8>> {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    tokio::time::timeout(wait, async {
        loop {
            match s.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await
    .ok()
    .map(|()| got)
}

#[tokio::test]
async fn half_sent_and_idle_connections_are_closed() {
    let t = TestApp::sqlite().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let timeouts = Timeouts { header_read: Duration::from_millis(300), max_age: Duration::from_secs(2) };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, web::router(t.app.clone()), timeouts, async {
        let _ = stopped.await;
    }));

    // Half a request: the headers never end.
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ").await.unwrap();
    // Nothing at all.
    let mut silent = TcpStream::connect(addr).await.unwrap();
    // A kept-alive connection that answered once and then idles.
    let mut idle = TcpStream::connect(addr).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();

    assert!(closed_within(&mut slow, Duration::from_secs(20)).await.is_some(), "a half-sent request stays open");
    assert!(closed_within(&mut silent, Duration::from_secs(20)).await.is_some(), "a silent connection stays open");
    let answered = closed_within(&mut idle, Duration::from_secs(20)).await.expect("an idle connection stays open");
    assert!(String::from_utf8_lossy(&answered).starts_with("HTTP/1.1 200"), "{}", String::from_utf8_lossy(&answered));

    // A request that arrives whole is answered, with the peer's address known to the app.
    let mut ok = TcpStream::connect(addr).await.unwrap();
    ok.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await.unwrap();
    let body = closed_within(&mut ok, Duration::from_secs(20)).await.unwrap();
    assert!(String::from_utf8_lossy(&body).contains("\"status\":\"ok\""));

    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(20), server).await.expect("the server stops").unwrap().unwrap();
}
