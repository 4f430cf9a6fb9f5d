//! The fuzz targets on stable: every file of the committed seed corpus
//! (`fuzz/corpus/<target>/`) goes through the same target body the cargo-fuzz binaries run
//! (`fuzz/src/targets.rs`), so a regression of a parser, `assess`, `remediate` or a
//! renderer on those inputs fails here without nightly. Fuzzing itself is manual:
//! `cargo +nightly fuzz run <target> fuzz/work/<target> fuzz/corpus/<target>` (see
//! `fuzz/README.md`).

#[path = "../../../fuzz/src/targets.rs"]
mod targets;

use std::path::PathBuf;

fn fuzz_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

#[test]
fn every_target_has_a_binary_and_a_seed_corpus() {
    let mut dirs: Vec<String> = std::fs::read_dir(fuzz_dir().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    dirs.sort();
    let mut names: Vec<String> = targets::TARGETS
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    names.sort();
    assert_eq!(dirs, names, "one corpus directory per target");
    let manifest = std::fs::read_to_string(fuzz_dir().join("Cargo.toml")).unwrap();
    for (name, _) in targets::TARGETS {
        assert!(
            manifest.contains(&format!("path = \"fuzz_targets/{name}.rs\"")),
            "{name} has no binary in fuzz/Cargo.toml"
        );
        let seeds = std::fs::read_dir(fuzz_dir().join("corpus").join(name))
            .unwrap()
            .count();
        assert!(seeds >= 3, "{name} has {seeds} seeds");
    }
}

#[test]
fn the_seed_corpus_replays_clean() {
    let mut replayed = 0;
    for (name, target) in targets::TARGETS {
        let dir = fuzz_dir().join("corpus").join(name);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&data));
            let exercised =
                outcome.unwrap_or_else(|_| panic!("{name} panics on {}", file.display()));
            assert!(
                exercised,
                "{} does not parse: not a seed of {name}",
                file.display()
            );
            replayed += 1;
        }
    }
    assert!(replayed >= 30, "replayed {replayed} inputs");
}
