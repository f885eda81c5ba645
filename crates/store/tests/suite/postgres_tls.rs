//! PostgreSQL over TLS when the URL asks for it (ADR 31): a throwaway PostgreSQL cluster of its
//! own, made by `initdb` in a temporary folder with `ssl = on`, a certificate from a CA made
//! with `openssl`, and `pg_hba.conf` refusing connections without TLS. `sslmode=require`
//! encrypts; `verify-full` with `sslrootcert` also checks the server's certificate and name.
//! Runs where the PostgreSQL tests run (`SAMVERKAN_TEST_POSTGRES_URL` set): the server binaries
//! are then at hand.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use store::{Pool, Store};

/// The folder of `initdb` and `pg_ctl`: `pg_config --bindir`, or the newest Debian version.
fn server_binaries() -> PathBuf {
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if dir.join("initdb").exists() {
            return dir;
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL's server binaries (/usr/lib/postgresql/<version>/bin)")
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("initdb").exists())
        .collect();
    versions.sort();
    versions.pop().expect("initdb")
}

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A command run as the owner of the cluster: PostgreSQL refuses to run as root, so as root the
/// cluster belongs to the `postgres` user of the distribution's package.
fn as_owner(program: &Path) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

/// A CA, and a server certificate it signed for the name `localhost` only (so the address
/// 127.0.0.1 is another name).
fn certificates(dir: &Path, ca: &str, server: bool) {
    let p = |f: &str| dir.join(f);
    run(Command::new("openssl")
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650", "-subj"])
        .arg(format!("/CN={ca}"))
        .arg("-keyout")
        .arg(p(&format!("{ca}.key")))
        .arg("-out")
        .arg(p(&format!("{ca}.crt"))));
    if !server {
        return;
    }
    std::fs::write(p("san.ext"), "subjectAltName=DNS:localhost\n").unwrap();
    run(Command::new("openssl")
        .args(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout"])
        .arg(p("server.key"))
        .arg("-out")
        .arg(p("server.csr")));
    run(Command::new("openssl")
        .args(["x509", "-req", "-days", "3650", "-CAcreateserial", "-in"])
        .arg(p("server.csr"))
        .arg("-CA")
        .arg(p(&format!("{ca}.crt")))
        .arg("-CAkey")
        .arg(p(&format!("{ca}.key")))
        .arg("-extfile")
        .arg(p("san.ext"))
        .arg("-out")
        .arg(p("server.crt")));
}

/// A PostgreSQL cluster that accepts only TLS connections, stopped and removed when dropped.
struct TlsCluster {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
}

impl TlsCluster {
    fn start() -> TlsCluster {
        let bin = server_binaries();
        let dir = std::env::temp_dir().join(format!("samverkan-pg-tls-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        certificates(&dir, "samverkan-test-ca", true);
        certificates(&dir, "another-ca", false);
        run(Command::new("chmod").arg("-R").arg("a+rX").arg(&dir));
        run(Command::new("chmod").arg("0600").arg(dir.join("server.key")));
        let data = dir.join("data");
        if is_root() {
            run(Command::new("chown").arg("-R").arg("postgres:postgres").arg(&dir));
        }
        run(as_owner(&bin.join("initdb")).args(["-A", "trust", "-U", "postgres", "--no-sync", "-D"]).arg(&data));
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let conf = format!(
            "port = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{d}'\nssl = on\n\
             ssl_cert_file = '{d}/server.crt'\nssl_key_file = '{d}/server.key'\nfsync = off\n",
            d = dir.display()
        );
        let mut c = std::fs::read_to_string(data.join("postgresql.conf")).unwrap();
        c.push_str(&conf);
        std::fs::write(data.join("postgresql.conf"), c).unwrap();
        std::fs::write(
            data.join("pg_hba.conf"),
            "hostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n",
        )
        .unwrap();
        run(as_owner(&bin.join("pg_ctl")).args(["-w", "-l"]).arg(dir.join("log")).arg("-D").arg(&data).arg("start"));
        TlsCluster { dir, bin, port }
    }

    fn url(&self, host: &str, query: &str) -> String {
        format!("postgres://postgres@{host}:{}/postgres?{query}", self.port)
    }

    fn file(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }
}

impl Drop for TlsCluster {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = as_owner(&self.bin.join("pg_ctl")).args(["-m", "immediate", "-D"]).arg(&data).arg("stop").output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Whether the connection the store uses is encrypted, as the server sees it.
async fn encrypted(store: &Store) -> bool {
    let Pool::Postgres(p) = &store.pool else { panic!("PostgreSQL") };
    sqlx::query_scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetch_one(p).await.unwrap()
}

#[tokio::test]
async fn postgresql_is_reached_over_tls_when_the_url_asks_and_its_certificate_checked_with_verify_full() {
    if std::env::var("SAMVERKAN_TEST_POSTGRES_URL").map_or(true, |u| u.is_empty()) {
        eprintln!("PostgreSQL tests are off (SAMVERKAN_TEST_POSTGRES_URL unset)");
        return;
    }
    let pg = TlsCluster::start();
    // The server refuses plain connections: what follows is TLS or nothing.
    let plain = Store::connect(&pg.url("127.0.0.1", "sslmode=disable")).await;
    assert!(plain.is_err(), "a connection without TLS was accepted");

    // require: encrypted, the certificate not checked (as libpq).
    let store = Store::connect(&pg.url("127.0.0.1", "sslmode=require")).await.unwrap();
    assert!(encrypted(&store).await);
    store.migrate().await.unwrap();
    store.close().await;

    // verify-full: the CA file and the name both checked.
    let ca = pg.file("samverkan-test-ca.crt");
    let store = Store::connect(&pg.url("localhost", &format!("sslmode=verify-full&sslrootcert={ca}"))).await.unwrap();
    assert!(encrypted(&store).await);
    store.ping().await.unwrap();
    store.close().await;

    // …and refused with another CA, or by a name the certificate does not carry (the address).
    let other = pg.file("another-ca.crt");
    let wrong_ca = Store::connect(&pg.url("localhost", &format!("sslmode=verify-full&sslrootcert={other}"))).await;
    let e = wrong_ca.expect_err("a server certificate from an unknown CA was accepted").to_string();
    assert!(e.contains("cannot reach PostgreSQL") && e.contains("certificate"), "{e}");
    let by_other_name = pg.url("127.0.0.1", &format!("sslmode=verify-full&sslrootcert={ca}"));
    let e = Store::connect(&by_other_name).await.expect_err("a certificate for another name was accepted");
    assert!(e.to_string().contains("certificate"), "{e}");
    let missing = Store::connect(&pg.url("localhost", "sslmode=verify-full&sslrootcert=/nonexistent/ca.crt")).await;
    assert!(missing.is_err());
}
