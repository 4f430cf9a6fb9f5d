//! The core's top-level modules import one another without a cycle: every `crate::…` path
//! in a module's source (a `use` or an inline path) is an edge to the module it names, or,
//! for a name re-exported by `lib.rs`, to the module that defines it. The test fails with
//! the cycle it found.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Top-level modules declared in lib.rs (`mod x;` / `pub mod x;`, not inline ones).
fn modules(lib: &str) -> BTreeSet<String> {
    lib.lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            l.strip_prefix("mod ")?
                .strip_suffix(';')
                .map(|m| m.trim().to_owned())
        })
        .collect()
}

/// Names re-exported by lib.rs (`pub use module::{A, B};`) → their module.
fn reexports(lib: &str, mods: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let flat = lib.replace('\n', " ");
    for stmt in flat.split(';') {
        let Some(rest) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, names)) = rest.split_once("::") else {
            continue;
        };
        if !mods.contains(module.trim()) {
            continue;
        }
        for name in names
            .trim_matches(|c| c == '{' || c == '}' || c == ' ')
            .split(',')
        {
            let name = name.trim();
            if !name.is_empty() {
                out.insert(name.to_owned(), module.trim().to_owned());
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first path segments after every `crate::` in `code` (groups `crate::{a, b::c}` too).
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().last();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue; // `azure_onboarding_crate::…` and the like
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => {
                        out.push(ident(item.trim()).to_owned());
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 1 {
                    item.push(c);
                }
            }
            out.push(ident(item.trim()).to_owned());
        } else {
            out.push(ident(rest).to_owned());
        }
    }
    out.retain(|s| !s.is_empty() && s != "self");
    out
}

fn without_comments(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let lib = fs::read_to_string(src().join("lib.rs")).unwrap();
    let mods = modules(&lib);
    let names = reexports(&lib, &mods);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in &mods {
        let mut files = Vec::new();
        let file = src().join(format!("{m}.rs"));
        if file.exists() {
            files.push(file);
        }
        let dir = src().join(m);
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        }
        assert!(!files.is_empty(), "no source for module {m}");
        let deps = edges.entry(m.clone()).or_default();
        for f in files {
            let code = without_comments(&fs::read_to_string(&f).unwrap());
            for first in crate_paths(&code) {
                let target = if mods.contains(&first) {
                    Some(first)
                } else {
                    names.get(&first).cloned()
                };
                if let Some(t) = target.filter(|t| t != m) {
                    deps.insert(t);
                }
            }
        }
    }
    edges
}

/// A cycle in `edges`, as the list of modules around it.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_owned(), 1);
        stack.push(n.to_owned());
        for d in edges.get(n).into_iter().flatten() {
            match state.get(d.as_str()).copied().unwrap_or(0) {
                1 => {
                    let start = stack.iter().position(|s| s == d).unwrap();
                    let mut c = stack[start..].to_vec();
                    c.push(d.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(d, edges, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(n, edges, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

/// The layers, lowest first: a module may import from its own layer (without a cycle) and
/// from the layers below, never from one above. A new module must be placed here.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "leaves",
        &[
            "facts",
            "input",
            "json_path",
            "keyed",
            "normalize",
            "shell",
            "macros",
            "access_option",
            "arm_expr",
        ],
    ),
    (
        "model",
        &[
            "ids",
            "storage_account_name",
            "resource_id",
            "client_secret",
            "device_name",
            "egress",
            "config",
            "plan",
            "report",
            "authority",
        ],
    ),
    ("catalog", &["catalog"]),
    ("snapshot", &["snapshot"]),
    ("checks", &["validate", "assess"]),
    ("remediate", &["remediate"]),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

#[test]
fn no_module_imports_one_from_a_layer_above() {
    let edges = graph();
    let mut wrong = Vec::new();
    for (m, deps) in &edges {
        let Some(own) = layer_of(m) else {
            wrong.push(format!("{m} is in no layer: add it to LAYERS"));
            continue;
        };
        for d in deps {
            let theirs = layer_of(d).unwrap_or(usize::MAX);
            if theirs > own {
                wrong.push(format!(
                    "{m} ({}) imports {d} ({})",
                    LAYERS[own].0,
                    LAYERS.get(theirs).map_or("no layer", |l| l.0)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_checker_finds_a_cycle_when_there_is_one() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.entry("a".into()).or_default().insert("b".into());
    edges.entry("b".into()).or_default().insert("c".into());
    edges.entry("c".into()).or_default().insert("a".into());
    assert_eq!(find_cycle(&edges).unwrap(), ["a", "b", "c", "a"]);
    edges.get_mut("c").unwrap().clear();
    assert_eq!(find_cycle(&edges), None);
    assert_eq!(
        crate_paths("use crate::{a::B, C};\nlet x = crate::d::f();"),
        ["a", "C", "d"]
    );
}

#[test]
fn the_core_modules_import_one_another_without_a_cycle() {
    let edges = graph();
    assert!(edges.len() > 10, "{edges:?}");
    if let Some(c) = find_cycle(&edges) {
        let mut all = String::new();
        for (m, ds) in &edges {
            all.push_str(&format!("\n  {m} -> {ds:?}"));
        }
        panic!("import cycle: {}\nedges:{all}", c.join(" -> "));
    }
}
