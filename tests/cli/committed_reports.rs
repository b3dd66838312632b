//! The reports committed under `reports/` are what the example configs give today: each
//! config is run again with its own trials and seed, and every committed file must match the
//! new one byte for byte (PNGs are not committed), but for the command line it records. Regenerate with `scripts/regenerate-reports`.

use crate::support::*;
use sha2::Digest;
use std::path::Path;

#[test]
fn every_committed_report_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut configs: Vec<_> = std::fs::read_dir(root.join("configs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    configs.sort();
    assert!(configs.len() >= 7);
    let mut stale = Vec::new();
    for config in configs {
        let stem = config.file_stem().unwrap().to_string_lossy().into_owned();
        let committed = root.join("reports").join(&stem);
        let tmp = tempfile::tempdir().unwrap();
        let fresh = tmp.path().join(&stem);
        let out = payback()
            .arg("run")
            .arg(&config)
            .arg("--out")
            .arg(&fresh)
            .arg("--json")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{stem}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let files = |dir: &Path| -> Vec<String> {
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .map(|d| {
                    d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            names.retain(|n| !n.ends_with(".png"));
            names.sort();
            names
        };
        if files(&committed) != files(&fresh) {
            stale.push(format!("{stem}: files differ"));
            continue;
        }
        // Byte for byte but the command line the provenance records (the test's paths are
        // not the script's); the marker's hashes are checked against the committed files.
        for name in files(&fresh).into_iter().filter(|n| n != ".payback-report") {
            if without_command(&name, &committed) != without_command(&name, &fresh) {
                stale.push(format!("{stem}/{name}"));
            }
        }
        let marker = std::fs::read_to_string(committed.join(".payback-report")).unwrap();
        for line in marker.lines().skip(2) {
            let (hash, name) = line.split_once("  ").expect("a hash and a name");
            if name.ends_with(".png") {
                continue; // not committed
            }
            let bytes = std::fs::read(committed.join(name)).unwrap();
            if format!("{:x}", sha2::Sha256::digest(bytes)) != hash {
                stale.push(format!("{stem}/.payback-report: {name}"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale reports (run scripts/regenerate-reports): {stale:?}"
    );
}
