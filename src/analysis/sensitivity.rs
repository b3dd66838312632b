//! What drives each candidate's risk: for every factor (uncertain input, project success,
//! vendor deprecation), the candidate's mean NPV, P(never) and median payback in the trials
//! where the factor fell in its lowest and in its highest tenth, the swing between the two, and
//! the factor's first-order share of the NPV variance. Computed from the streamed sums of
//! [`FactorSums`].

use crate::collect::factor_sums::Cell;
use crate::collect::factors::{BINS, BINS_PER_DECILE};
use crate::collect::{FactorSums, RunAggregate};
use crate::results::sensitivity::{CandidateSensitivity, Decile, FactorEffect};
use crate::scenario::Scenario;
use crate::stats::PaybackHistogram;

/// The sensitivity of every candidate of `scenario` from a run and its sensitivity sums.
pub fn sensitivity(
    scenario: &Scenario,
    run: &RunAggregate,
    sums: &FactorSums,
) -> Vec<CandidateSensitivity> {
    scenario
        .candidates()
        .enumerate()
        .map(|(candidate, c)| {
            let mut factors: Vec<FactorEffect> = sums
                .factors()
                .iter()
                .enumerate()
                .map(|(f, factor)| {
                    let counts = sums.counts_of(f);
                    let cells = sums.cells_of(candidate, f);
                    let (low_tail, high_tail) = sums.tails_of(candidate, f);
                    let edges = factor.decile_edges;
                    let low = decile(
                        &counts[..BINS_PER_DECILE],
                        &cells[..BINS_PER_DECILE],
                        low_tail,
                        edges.map(|e| e.0),
                    );
                    let high = decile(
                        &counts[BINS - BINS_PER_DECILE..],
                        &cells[BINS - BINS_PER_DECILE..],
                        high_tail,
                        edges.map(|e| e.1),
                    );
                    FactorEffect {
                        path: factor.path.clone(),
                        kind: factor.kind,
                        npv_swing: high.mean_npv - low.mean_npv,
                        npv_swing_stderr: (variance_of_mean(
                            &counts[..BINS_PER_DECILE],
                            &cells[..BINS_PER_DECILE],
                        ) + variance_of_mean(
                            &counts[BINS - BINS_PER_DECILE..],
                            &cells[BINS - BINS_PER_DECILE..],
                        ))
                        .sqrt(),
                        p_never_swing: high.p_never - low.p_never,
                        p50_payback_swing: high
                            .p50_payback_months
                            .zip(low.p50_payback_months)
                            .map(|(h, l)| h - l),
                        npv_variance_share: variance_share(counts, cells),
                        low,
                        high,
                    }
                })
                .collect();
            factors.sort_by(|a, b| {
                b.npv_swing
                    .abs()
                    .total_cmp(&a.npv_swing.abs())
                    .then_with(|| a.path.cmp(&b.path))
            });
            CandidateSensitivity {
                candidate: scenario.options[c].name.clone(),
                mean_npv: run.candidates[candidate].sums.npv.sum / run.trials.max(1) as f64,
                factors,
            }
        })
        .collect()
}

/// The outcomes of the trials in `cells` (the bins of one tenth).
fn decile(counts: &[u64], cells: &[Cell], tail: &PaybackHistogram, edge: Option<f64>) -> Decile {
    let (n, npv, _) = totals(counts, cells);
    let never: u64 = cells.iter().map(|c| c.never).sum();
    Decile {
        edge,
        trials: n as u64,
        mean_npv: if n > 0.0 { npv / n } else { 0.0 },
        p_never: if n > 0.0 { never as f64 / n } else { 0.0 },
        p50_payback_months: tail.quantile(0.5),
    }
}

/// Trials, Σ NPV and Σ NPV² over some bins.
fn totals(counts: &[u64], cells: &[Cell]) -> (f64, f64, f64) {
    let n: u64 = counts.iter().sum();
    let npv: f64 = cells.iter().map(|c| c.npv).sum();
    let sq: f64 = cells.iter().map(|c| c.npv_sq).sum();
    (n as f64, npv, sq)
}

/// The squared standard error of the mean NPV over some bins.
fn variance_of_mean(counts: &[u64], cells: &[Cell]) -> f64 {
    let (n, npv, sq) = totals(counts, cells);
    if n < 2.0 {
        return 0.0;
    }
    let mean = npv / n;
    ((sq / n - mean * mean).max(0.0) * n / (n - 1.0)) / n
}

/// `Var(E[NPV | bin]) / Var(NPV)` over all bins of one factor. The between-bin sum of squares
/// is biased up by `(k − 1)` times the within-bin mean square for `k` non-empty bins (one-way
/// analysis of variance); that bias is taken off and the result kept in [0, 1].
fn variance_share(counts: &[u64], cells: &[Cell]) -> f64 {
    let (n, npv, sq) = totals(counts, cells);
    let mean = npv / n.max(1.0);
    let total_ss = (sq - n * mean * mean).max(0.0);
    let mut between_ss = 0.0;
    let mut groups = 0.0;
    for (&count, cell) in counts.iter().zip(cells) {
        if count > 0 {
            let m = cell.npv / count as f64;
            between_ss += count as f64 * (m - mean) * (m - mean);
            groups += 1.0;
        }
    }
    if total_ss <= f64::EPSILON * sq || n <= groups {
        return 0.0;
    }
    let within_ms = (total_ss - between_ss).max(0.0) / (n - groups);
    ((between_ss - (groups - 1.0) * within_ms) / total_ss).clamp(0.0, 1.0)
}
