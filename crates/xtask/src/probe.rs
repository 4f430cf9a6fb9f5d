//! Finding the tools the build needs by running them, never by trusting that a path exists.
//!
//! Every tool is *probed*: the linker links a tiny module, a compiler prints its version, a
//! browser prints its version. A link a package may or may not ship (Debian's `rustc-web`
//! stopped shipping `/usr/bin/rust-lld` in 1.96.0+dfsg1-1~deb12u2) is one candidate among
//! several, not an assumption. The search is parameterised by a [`Layout`] (the PATH entries
//! and the file-system root), so tests can hand it a temporary folder.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where tools are looked for: the directories of `PATH`, and a root under which the
/// versioned LLVM folders (`usr/lib/llvm-NN/bin`) live. `/` on a real machine.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The directories of `PATH`, in order.
    pub path: Vec<PathBuf>,
    /// The file-system root (a temporary folder in tests).
    pub root: PathBuf,
}

impl Layout {
    /// The machine's own layout: `$PATH` and `/`.
    pub fn system() -> Self {
        let path = std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).collect())
            .unwrap_or_default();
        Layout {
            path,
            root: PathBuf::from("/"),
        }
    }

    /// Every file called `name` in a PATH directory, in PATH order.
    fn on_path(&self, name: &str) -> Vec<PathBuf> {
        self.path
            .iter()
            .map(|d| d.join(name))
            .filter(|p| p.is_file())
            .collect()
    }

    /// Files in PATH directories whose name is `prefix` followed by a version number
    /// (`wasm-ld-22`), newest version first.
    fn versioned_on_path(&self, prefix: &str) -> Vec<PathBuf> {
        let mut found: Vec<(u32, PathBuf)> = Vec::new();
        for dir in &self.path {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name();
                let Some(version) = name
                    .to_str()
                    .and_then(|n| n.strip_prefix(prefix))
                    .and_then(|v| v.parse::<u32>().ok())
                else {
                    continue;
                };
                found.push((version, entry.path()));
            }
        }
        found.sort_by_key(|f| std::cmp::Reverse(f.0));
        found.into_iter().map(|(_, p)| p).collect()
    }

    /// `usr/lib/llvm-NN/bin/<name>` under the root, newest LLVM first.
    fn in_llvm_dirs(&self, name: &str) -> Vec<PathBuf> {
        let lib = self.root.join("usr/lib");
        let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir(&lib)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let version = e
                    .file_name()
                    .to_str()?
                    .strip_prefix("llvm-")?
                    .parse::<u32>()
                    .ok()?;
                let candidate = e.path().join("bin").join(name);
                candidate.is_file().then_some((version, candidate))
            })
            .collect();
        found.sort_by_key(|f| std::cmp::Reverse(f.0));
        found.into_iter().map(|(_, p)| p).collect()
    }
}

/// How a WebAssembly linker is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkerKind {
    /// `rust-lld`, which needs `-flavor wasm`.
    RustLld,
    /// `wasm-ld` (or `wasm-ld-NN`), LLVM's WebAssembly linker.
    WasmLd,
}

/// A linker that linked the probe module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linker {
    /// The file that was run.
    pub path: PathBuf,
    /// How it was called.
    pub kind: LinkerKind,
}

/// What the linker search saw: the linker that worked, and every candidate that did not,
/// with why (for `doctor` and for the error message).
#[derive(Debug, Clone, Default)]
pub struct LinkerSearch {
    /// The first candidate that linked the probe module.
    pub found: Option<Linker>,
    /// Candidates that were tried and failed, with the reason.
    pub rejected: Vec<(PathBuf, String)>,
}

/// The Debian package that provides a WebAssembly linker on these machines.
pub const LINKER_PACKAGE: &str = "lld-22";

impl LinkerSearch {
    /// What to tell a person when no linker works: exactly what to install.
    pub fn missing_message(&self) -> String {
        let mut message = format!(
            "no working WebAssembly linker: install {LINKER_PACKAGE} (`apt-get install {LINKER_PACKAGE}`), \
             which provides /usr/lib/llvm-22/bin/wasm-ld, or set \
             CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER to a wasm-ld that links"
        );
        for (path, why) in &self.rejected {
            message.push_str(&format!("; tried {}: {why}", path.display()));
        }
        message
    }
}

/// Candidates in order of preference: an explicit override, `rust-lld` (what rustc uses by
/// default), `wasm-ld` and `wasm-ld-NN` on PATH, then `usr/lib/llvm-NN/bin/wasm-ld`.
pub fn linker_candidates(layout: &Layout, explicit: Option<&Path>) -> Vec<Linker> {
    let mut out: Vec<Linker> = Vec::new();
    let mut push = |path: PathBuf| {
        let kind = if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("rust-lld"))
        {
            LinkerKind::RustLld
        } else {
            LinkerKind::WasmLd
        };
        if !out.iter().any(|l| l.path == path) {
            out.push(Linker { path, kind });
        }
    };
    if let Some(path) = explicit {
        push(path.to_path_buf());
    }
    layout.on_path("rust-lld").into_iter().for_each(&mut push);
    layout.on_path("wasm-ld").into_iter().for_each(&mut push);
    layout
        .versioned_on_path("wasm-ld-")
        .into_iter()
        .for_each(&mut push);
    layout
        .in_llvm_dirs("wasm-ld")
        .into_iter()
        .for_each(&mut push);
    out
}

/// Tries each candidate by linking [`probe_object`] and keeps the first that works.
pub fn find_linker(layout: &Layout, explicit: Option<&Path>, scratch: &Path) -> LinkerSearch {
    let mut search = LinkerSearch::default();
    for candidate in linker_candidates(layout, explicit) {
        match link_probe(&candidate, scratch) {
            Ok(()) => {
                search.found = Some(candidate);
                break;
            }
            Err(why) => search.rejected.push((candidate.path, why)),
        }
    }
    search
}

/// A relocatable WebAssembly object, as a compiler would hand it to the linker: one function
/// `answer` returning 42, with the `linking` section (version 2) and its symbol table.
pub fn probe_object() -> Vec<u8> {
    let mut m = vec![0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    // type section: one type, () -> i32
    m.extend_from_slice(&[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f]);
    // function section: one function of type 0
    m.extend_from_slice(&[0x03, 0x02, 0x01, 0x00]);
    // code section: one body: no locals, i32.const 42, end
    m.extend_from_slice(&[0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2a, 0x0b]);
    // custom section "linking", version 2, symbol table (subsection 8) with one defined
    // function symbol: kind 0, flags 0, index 0, name "answer"
    let symbol_table: &[u8] = &[
        0x08, 0x0b, 0x01, 0x00, 0x00, 0x00, 0x06, b'a', b'n', b's', b'w', b'e', b'r',
    ];
    let mut linking = vec![0x07];
    linking.extend_from_slice(b"linking");
    linking.push(0x02);
    linking.extend_from_slice(symbol_table);
    m.push(0x00);
    m.push(u8::try_from(linking.len()).expect("the linking section is tiny"));
    m.extend_from_slice(&linking);
    m
}

/// Links the probe object with `linker` and checks that the result is a linked module that
/// exports `answer` (a linked module has no `linking` section any more).
pub fn link_probe(linker: &Linker, scratch: &Path) -> Result<(), String> {
    std::fs::create_dir_all(scratch)
        .map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
    let object = scratch.join("probe.o");
    let output = scratch.join("probe.wasm");
    let _ = std::fs::remove_file(&output);
    std::fs::write(&object, probe_object())
        .map_err(|e| format!("cannot write {}: {e}", object.display()))?;
    let mut cmd = Command::new(&linker.path);
    if linker.kind == LinkerKind::RustLld {
        cmd.args(["-flavor", "wasm"]);
    }
    cmd.args(["--no-entry", "--export=answer", "-o"])
        .arg(&output)
        .arg(&object);
    let out = cmd.output().map_err(|e| format!("does not run ({e})"))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().next().unwrap_or("").trim();
        return Err(format!("did not link ({}: {first})", out.status));
    }
    let linked = std::fs::read(&output).map_err(|_| "wrote no module".to_owned())?;
    let is_module = linked.starts_with(&[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    let exports = contains(&linked, b"answer");
    let relocatable = contains(&linked, b"linking");
    if is_module && exports && !relocatable {
        Ok(())
    } else {
        Err("its output is not a linked module exporting `answer`".to_owned())
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Runs `program args…` and returns the version line of its output (stdout, else stderr) when
/// it exits successfully: the version line of most tools.
pub fn version_line(program: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = if out.stdout.is_empty() {
        out.stderr
    } else {
        out.stdout
    };
    // The first line with a digit in it (shellcheck's version is on its second line).
    let text = String::from_utf8_lossy(&text);
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.clone().next().map(str::to_owned);
    lines
        .find(|l| l.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_owned)
        .or(first)
}

/// The first file called `name` on the layout's PATH that runs `name args…` successfully,
/// with its version line.
pub fn find_runnable(layout: &Layout, name: &str, args: &[&str]) -> Option<(PathBuf, String)> {
    layout
        .on_path(name)
        .into_iter()
        .find_map(|p| version_line(&p, args).map(|v| (p, v)))
}

/// Where a file came from, for `doctor`: the Debian package that owns it, a cargo install,
/// npm, or rustup.
pub fn origin(path: &Path) -> String {
    let shown = path.to_string_lossy();
    if shown.contains("/.cargo/bin/") {
        return "cargo install (crates.io)".to_owned();
    }
    if shown.contains("/node_modules/") || shown.ends_with("/node_modules") {
        return "npm (package-lock.json)".to_owned();
    }
    if shown.contains("/.rustup/") {
        return "rustup".to_owned();
    }
    let resolved = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    for candidate in [path, resolved.as_path()] {
        let out = Command::new("dpkg-query").arg("-S").arg(candidate).output();
        if let Ok(out) = out {
            if out.status.success() {
                let text = String::from_utf8_lossy(&out.stdout);
                if let Some((package, _)) = text.lines().next().and_then(|l| l.split_once(':')) {
                    return format!("Debian package {package}");
                }
            }
        }
    }
    "unknown origin (installed by hand?)".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    struct Scratch(PathBuf);
    impl Scratch {
        fn new(name: &str) -> Self {
            let dir =
                std::env::temp_dir().join(format!("xtask-probe-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }
    }
    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// A linked module exporting `answer`, as a working linker would write it.
    fn linked_module() -> Vec<u8> {
        let mut m = vec![0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
        m.extend_from_slice(&[0x07, 0x0a, 0x01, 0x06]);
        m.extend_from_slice(b"answer");
        m.extend_from_slice(&[0x00, 0x00]);
        m
    }

    fn script(path: &Path, body: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    /// A fake linker: writes a linked module to the file after `-o`.
    fn working_linker(path: &Path, module: &Path) {
        script(
            path,
            &format!(
                "while [ $# -gt 0 ]; do if [ \"$1\" = -o ]; then cp '{}' \"$2\"; exit 0; fi; shift; done; exit 1",
                module.display()
            ),
        );
    }

    #[test]
    fn without_rust_lld_it_picks_the_llvm_wasm_ld() {
        let s = Scratch::new("no-rust-lld");
        let module = s.0.join("linked.wasm");
        std::fs::write(&module, linked_module()).unwrap();
        let bin = s.0.join("usr/bin");
        std::fs::create_dir_all(&bin).unwrap();
        let wasm_ld = s.0.join("usr/lib/llvm-22/bin/wasm-ld");
        working_linker(&wasm_ld, &module);
        // An older LLVM whose wasm-ld is broken must not be preferred or chosen.
        script(&s.0.join("usr/lib/llvm-14/bin/wasm-ld"), "exit 1");
        let layout = Layout {
            path: vec![bin],
            root: s.0.clone(),
        };
        let search = find_linker(&layout, None, &s.0.join("scratch"));
        assert_eq!(
            search.found,
            Some(Linker {
                path: wasm_ld,
                kind: LinkerKind::WasmLd
            })
        );
    }

    #[test]
    fn a_dangling_or_broken_rust_lld_is_skipped_for_a_working_wasm_ld() {
        let s = Scratch::new("broken-rust-lld");
        let module = s.0.join("linked.wasm");
        std::fs::write(&module, linked_module()).unwrap();
        let bin = s.0.join("usr/bin");
        std::fs::create_dir_all(&bin).unwrap();
        // rust-lld that exists but does not link (e.g. a link to a removed file's wrapper).
        script(
            &bin.join("rust-lld"),
            "echo 'rust-lld: not found' >&2; exit 127",
        );
        // A linker that "succeeds" but writes the object back unlinked is rejected too.
        script(
            &bin.join("wasm-ld"),
            "while [ $# -gt 0 ]; do if [ \"$1\" = -o ]; then out=\"$2\"; fi; last=\"$1\"; shift; done; cp \"$last\" \"$out\"",
        );
        working_linker(&bin.join("wasm-ld-22"), &module);
        let layout = Layout {
            path: vec![bin.clone()],
            root: s.0.clone(),
        };
        let search = find_linker(&layout, None, &s.0.join("scratch"));
        assert_eq!(search.found.map(|l| l.path), Some(bin.join("wasm-ld-22")));
        assert_eq!(search.rejected.len(), 2, "{:?}", search.rejected);
        assert!(search.rejected[0].1.contains("did not link"));
        assert!(search.rejected[1].1.contains("not a linked module"));
    }

    #[test]
    fn with_no_linker_it_says_exactly_what_to_install() {
        let s = Scratch::new("none");
        let layout = Layout {
            path: vec![s.0.join("usr/bin")],
            root: s.0.clone(),
        };
        let search = find_linker(&layout, None, &s.0.join("scratch"));
        assert!(search.found.is_none());
        let message = search.missing_message();
        assert!(message.contains("apt-get install lld-22"), "{message}");
        assert!(
            message.contains("/usr/lib/llvm-22/bin/wasm-ld"),
            "{message}"
        );
    }

    #[test]
    fn an_explicit_linker_comes_first() {
        let s = Scratch::new("explicit");
        let mine = s.0.join("opt/my-wasm-ld");
        script(&mine, "exit 0");
        let bin = s.0.join("usr/bin");
        script(&bin.join("rust-lld"), "exit 0");
        let layout = Layout {
            path: vec![bin.clone()],
            root: s.0.clone(),
        };
        let candidates = linker_candidates(&layout, Some(&mine));
        assert_eq!(candidates[0].path, mine);
        assert_eq!(candidates[1].kind, LinkerKind::RustLld);
    }

    /// The probe object is really linkable, with this machine's real linker. Where rustup has
    /// no wasm32 target, bootstrap has installed one before the tests run, so one must be
    /// found; with rustup's target (which brings its own) a missing wasm-ld is only reported.
    #[test]
    fn the_probe_object_links_with_a_real_wasm_ld() {
        let object = probe_object();
        assert!(object.starts_with(b"\0asm\x01\0\0\0"));
        let s = Scratch::new("real");
        let search = find_linker(&Layout::system(), None, &s.0);
        match search.found {
            Some(linker) => assert!(link_probe(&linker, &s.0).is_ok()),
            None => {
                let rustup_wasm32 = Command::new("rustup")
                    .args(["target", "list", "--installed"])
                    .output()
                    .is_ok_and(|o| {
                        String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown")
                    });
                assert!(rustup_wasm32, "{}", search.missing_message());
                eprintln!("no wasm-ld here (rustup's wasm32 target brings its own linker)");
            }
        }
    }
}
