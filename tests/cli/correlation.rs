//! Correlated inputs: the Spearman correlation of the exported draws matches the configured
//! rank correlation, each correlated input keeps its distribution (Kolmogorov–Smirnov), and the
//! email-triage example's correlation holds at any thread count (determinism tests).

use crate::support::*;

const N: usize = 20_000;

/// The exported draws of two columns of email-triage (overrun ~ build time at rank 0.6).
fn draws() -> (Vec<f64>, Vec<f64>) {
    let tmp = tempfile::tempdir().unwrap();
    let out = payback()
        .arg("run")
        .arg(config("email-triage.toml"))
        .args([
            "--trials",
            &N.to_string(),
            "--export-samples",
            &N.to_string(),
        ])
        .args(["--format", "json", "--out"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(tmp.path().join("samples.csv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (a, b) = (
        col("options.fine_tuned.project.items.data_prep.overrun"),
        col("options.fine_tuned.project.build_months"),
    );
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[a].parse::<f64>().unwrap(), f[b].parse::<f64>().unwrap())
        })
        .unzip()
}

fn ranks(x: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&i, &j| x[i].total_cmp(&x[j]));
    let mut r = vec![0.0; x.len()];
    for (rank, &i) in order.iter().enumerate() {
        r[i] = rank as f64;
    }
    r
}

fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

/// Kolmogorov–Smirnov distance between a sample and a distribution written as in a file.
fn ks(sample: &[f64], form: &str) -> f64 {
    let dist = payback::distribution::parse_text(form).unwrap();
    let mut x = sample.to_vec();
    x.sort_by(f64::total_cmp);
    let n = x.len() as f64;
    x.iter()
        .enumerate()
        .map(|(i, &v)| {
            let f = dist.cdf(v);
            (f - i as f64 / n).abs().max(((i + 1) as f64 / n - f).abs())
        })
        .fold(0.0, f64::max)
}

#[test]
fn spearman_of_exported_draws_is_the_configured_rank_and_marginals_hold() {
    let (overrun, build) = draws();
    let rho = pearson(&ranks(&overrun), &ranks(&build));
    // Fisher's z of Spearman's rho has standard error sqrt(1.06 / (n − 3)) (Fieller, Hartley
    // and Pearson 1957): 0.0073 here; allow 4 of them.
    let se = (1.06 / (N as f64 - 3.0)).sqrt();
    assert!(
        (rho.atanh() - 0.6f64.atanh()).abs() < 4.0 * se,
        "Spearman {rho} vs 0.6"
    );
    // KS at the 1 % level: D < 1.628 / sqrt(n) = 0.0115.
    let critical = 1.628 / (N as f64).sqrt();
    for (sample, form) in [
        (&overrun, "pert(1.0, 1.5, 3.0)"),
        (&build, "triangular(1, 2, 4)"),
    ] {
        let d = ks(sample, form);
        assert!(d < critical, "{form}: KS distance {d} ≥ {critical}");
    }
}
