//! Writes the test protocol to a file and reports its size and render time:
//! `cargo run --release -p pdf --example protocol -- /tmp/protocol.pdf`

#[path = "../tests/suite/common/mod.rs"]
mod common;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "protocol.pdf".to_owned());
    let doc = common::protocol();
    let bytes = pdf::render(&doc);
    std::fs::write(&path, &bytes).expect("write the PDF");
    let runs = 50;
    let start = std::time::Instant::now();
    for _ in 0..runs {
        std::hint::black_box(pdf::render(std::hint::black_box(&doc)));
    }
    println!("{path}: {} bytes, {:?} per render (mean of {runs})", bytes.len(), start.elapsed() / runs);
}
