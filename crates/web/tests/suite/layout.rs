//! The shape of the code (docs/architecture.md), checked rather than hoped for: in every crate
//! of the workspace, no two modules use each other (directly or round a longer loop; within a
//! capability's folder, no two files), and no source file holds more than 800 lines before its
//! tests.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const CRATES: [&str; 7] = ["domain", "store", "web", "pdf", "chart", "feeds", "samverkan"];
const MAX_LINES: usize = 800;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module a file is, as a path below the crate root: `meetings::adjustment`, `lib` → ``.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The code before the file's `#[cfg(test)]` module.
fn code_of(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |i| &text[..i])
}

/// The modules a file refers to with `crate::a::b` or `super::…`, cut to the depth that
/// matters: the top-level module, or within a capability folder the file it names.
fn uses(own: &[String], code: &str) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    let bytes = code.as_bytes();
    for (i, _) in code.match_indices("crate::") {
        if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b'$') {
            continue;
        }
        let rest = &code[i + "crate::".len()..];
        let path: Vec<String> = rest
            .split("::")
            .map(|s| s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>())
            .take_while(|s| !s.is_empty() && s.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .collect();
        if !path.is_empty() {
            out.insert(path);
        }
    }
    for (i, _) in code.match_indices("super::") {
        if i > 0 && code[..i].ends_with("super::") {
            continue;
        }
        let mut base = own.to_vec();
        let mut rest = &code[i..];
        while let Some(r) = rest.strip_prefix("super::") {
            base.pop();
            rest = r;
        }
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if !name.is_empty() && name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
            base.push(name);
        }
        out.insert(base);
    }
    out
}

/// Where a cycle is looked for: a file's node is its top-level module; files inside one
/// top-level folder are also compared with each other, one node per file.
fn node(path: &[String], known: &BTreeSet<Vec<String>>) -> Vec<String> {
    // The longest known module that is a prefix of the path.
    (1..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| known.contains(p)).unwrap_or_default()
}

fn find_cycle(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<Vec<String>>> {
    fn visit(
        n: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        state.insert(n.clone(), 1);
        stack.push(n.clone());
        for m in edges.get(n).into_iter().flatten() {
            match state.get(m).copied().unwrap_or(0) {
                1 => {
                    let from = stack.iter().position(|x| x == m).unwrap();
                    let mut c = stack[from..].to_vec();
                    c.push(m.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(m, edges, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if state.get(n).copied().unwrap_or(0) == 0
            && let Some(c) = visit(n, edges, &mut state, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_module_uses_one_that_uses_it_and_no_file_is_too_long() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut problems = Vec::new();
    for krate in CRATES {
        let src = root.join(krate).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
        let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap();
            let code = code_of(&text);
            let without_comments: String =
                code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
            let lines = code.lines().count();
            if lines > MAX_LINES {
                problems.push(format!("{} has {lines} lines before its tests (at most {MAX_LINES})", f.display()));
            }
            let own = module_of(&src, f);
            // Top level: module a uses module b.
            let from_top: Vec<String> = own.iter().take(1).cloned().collect();
            // Within a folder: file uses file.
            for used in uses(&own, &without_comments) {
                let to = node(&used, &modules);
                let to_top: Vec<String> = to.iter().take(1).cloned().collect();
                if !from_top.is_empty() && !to_top.is_empty() && from_top != to_top {
                    edges.entry(from_top.clone()).or_default().insert(to_top);
                } else if from_top == to_top && own.len() > 1 && to.len() > 1 && to != own {
                    // Siblings in one folder, not a file and its own submodule.
                    let (a, b) = (own[..2].to_vec(), to[..2].to_vec());
                    if a != b {
                        edges.entry(a).or_default().insert(b);
                    }
                }
            }
        }
        if let Some(c) = find_cycle(&edges) {
            let names: Vec<String> = c.iter().map(|m| m.join("::")).collect();
            problems.push(format!("{krate}: modules use each other: {}", names.join(" → ")));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
