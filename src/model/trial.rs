//! One trial: draws every input, prepares each option's cost timeline, then walks each
//! candidate's cumulative net cash against the baseline from go-live to the horizon
//! (docs/model.md, "One trial"). A [`TrialRunner`] owns every buffer a
//! trial needs, so running a trial allocates nothing once the buffers have grown.

use crate::model::cash_path::CashPath;
use crate::model::events::{EventDraw, deprecation_times, first_wait_uniform};
use crate::model::running_cost::RunningCost;
use crate::model::timeline::{Timeline, TrialPrices};
use crate::model::walk::{Lumps, MonthPieces, walk};
use crate::scenario::{Money, Months, Scenario};
use crate::streams::{path_key, stream};
use rand::{Rng, RngExt};

/// What one trial gives for one candidate.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Outcome {
    /// Upfront investment `I`.
    pub upfront: Money,
    /// Payback time in months, `+∞` for never within the horizon.
    pub payback: Months,
    /// Payback time of the discounted cash, `+∞` for never.
    pub discounted_payback: Months,
    /// Net present value at the horizon.
    pub npv: Money,
    /// Whether the project succeeded (a failed project never goes live).
    pub succeeded: bool,
}

/// A finished trial, as the collectors of a run see it: its key, what was drawn, and what each
/// candidate got. Candidates are in the order of [`Scenario::candidates`].
#[derive(Debug, Clone, Copy)]
pub struct FinishedTrial<'t> {
    /// The trial's key ([`crate::streams::trial_key`]).
    pub key: u64,
    /// Every input's draw, in the order of the scenario's inputs.
    pub draws: &'t [f64],
    /// Each candidate's outcome.
    pub outcomes: &'t [Outcome],
    pub(super) event_seeds: &'t [u64],
    /// Month ends per candidate in `month_end_net`: H + 1.
    pub(super) months: usize,
    pub(super) month_end_net: &'t [Money],
    pub(super) upfront_parts: &'t [Money],
    pub(super) part_offsets: &'t [usize],
}

impl<'t> FinishedTrial<'t> {
    /// Candidate `candidate`'s cumulative net cash at every month end 0..=H (Net(0) = −I).
    #[inline]
    pub fn month_end_net(&self, candidate: usize) -> &'t [Money] {
        &self.month_end_net[candidate * self.months..(candidate + 1) * self.months]
    }

    /// Candidate `candidate`'s investment parts (items, training runs, contingency; empty
    /// without a project).
    #[inline]
    pub fn upfront_parts(&self, candidate: usize) -> &'t [Money] {
        &self.upfront_parts[self.part_offsets[candidate]..self.part_offsets[candidate + 1]]
    }

    /// The uniform behind option `option`'s first deprecation under a hazard: it comes at
    /// `−ln(1 − u) / hazard`, later the larger `u` is.
    #[inline]
    pub fn first_deprecation_uniform(&self, option: usize) -> f64 {
        first_wait_uniform(self.event_seeds[option])
    }
}

/// Runs trials of one scenario, reusing its buffers from trial to trial.
#[derive(Debug, Clone)]
pub struct TrialRunner<'s> {
    scenario: &'s Scenario,
    candidates: Vec<usize>,
    /// The key of the last trial.
    trial: u64,
    /// Month-end discount factor of each month, `(1 + r)^(−(m+1)/12)`.
    month_discount: Vec<f64>,
    /// `ln(1 + r) / 12`: a lump at t is discounted by `exp(−t · this)`.
    lump_discount_rate: f64,
    draws: Vec<f64>,
    success_draws: Vec<f64>,
    /// Stream key of each candidate's success draw.
    success_keys: Vec<u64>,
    /// One seed per option for its deprecation times.
    event_seeds: Vec<u64>,
    /// Stream key of each option's deprecation times.
    event_keys: Vec<u64>,
    volume: Vec<f64>,
    costs: Vec<RunningCost>,
    /// Each option's deprecation times in the current trial.
    deprecations: Vec<Vec<Months>>,
    baseline: Timeline,
    /// Whether `baseline` holds the current trial's timeline.
    baseline_built: bool,
    candidate: Timeline,
    month_pieces: MonthPieces,
    outcomes: Vec<Outcome>,
    /// Each candidate's cumulative net at every month end 0..=H (Net(0) = −I), one row of
    /// H + 1 values per candidate.
    month_end_net: Vec<Money>,
    /// Each candidate's investment parts (items, runs, contingency), one row per candidate.
    upfront_parts: Vec<Money>,
    /// Where each candidate's row of `upfront_parts` starts (plus one end offset).
    part_offsets: Vec<usize>,
}

impl<'s> TrialRunner<'s> {
    /// Buffers sized for `scenario`.
    pub fn new(scenario: &'s Scenario) -> Self {
        let horizon = scenario.horizon_months as usize;
        let candidates: Vec<usize> = scenario.candidates().collect();
        let base = 1.0 + scenario.discount_rate;
        let options = scenario.options.len();
        let part_offsets = std::iter::once(0)
            .chain(candidates.iter().scan(0, |end, &c| {
                *end += scenario.options[c]
                    .project
                    .as_ref()
                    .map_or(0, |p| p.part_count());
                Some(*end)
            }))
            .collect::<Vec<usize>>();
        TrialRunner {
            scenario,
            trial: 0,
            month_discount: (0..horizon)
                .map(|m| base.powf(-((m + 1) as f64) / 12.0))
                .collect(),
            lump_discount_rate: base.ln() / 12.0,
            draws: vec![0.0; scenario.inputs.len()],
            success_draws: vec![0.0; candidates.len()],
            success_keys: candidates
                .iter()
                .map(|&c| {
                    path_key(&format!(
                        "options.{}.project.success#draw",
                        scenario.options[c].name
                    ))
                })
                .collect(),
            event_seeds: vec![0; options],
            event_keys: scenario
                .options
                .iter()
                .map(|o| path_key(&format!("options.{}.deprecation#times", o.name)))
                .collect(),
            volume: vec![0.0; horizon],
            costs: vec![RunningCost::default(); options],
            deprecations: vec![Vec::new(); options],
            baseline: Timeline::default(),
            baseline_built: false,
            candidate: Timeline::default(),
            month_pieces: MonthPieces::default(),
            outcomes: vec![Outcome::default(); candidates.len()],
            month_end_net: vec![0.0; candidates.len() * (horizon + 1)],
            upfront_parts: vec![0.0; *part_offsets.last().unwrap_or(&0)],
            part_offsets,
            candidates,
        }
    }

    /// The random trial keyed `trial` ([`crate::streams::trial_key`]): every input drawn, one
    /// uniform per candidate for its success and one seed per option for its deprecation times,
    /// each from its own stream. Returns one outcome per candidate, in the order of
    /// [`Scenario::candidates`].
    pub fn run(&mut self, trial: u64) -> &[Outcome] {
        self.trial = trial;
        self.scenario.inputs.sample_into(trial, &mut self.draws);
        for (u, &key) in self.success_draws.iter_mut().zip(&self.success_keys) {
            *u = stream(trial, key).random::<f64>();
        }
        for (seed, &key) in self.event_seeds.iter_mut().zip(&self.event_keys) {
            *seed = stream(trial, key).next_u64();
        }
        self.evaluate(false);
        &self.outcomes
    }

    /// The deterministic point estimate: every input at its mean, every project succeeding
    /// (when its success probability is above zero), and deprecations at their mean waiting
    /// time (repeating at that interval with `repeat`): the number a spreadsheet gives.
    pub fn run_point_estimate(&mut self) -> &[Outcome] {
        self.scenario.inputs.means_into(&mut self.draws);
        self.success_draws.fill(0.0);
        self.evaluate(true);
        &self.outcomes
    }

    /// The outcomes of the last trial, one per candidate.
    pub fn outcomes(&self) -> &[Outcome] {
        &self.outcomes
    }

    /// The inputs of the last trial, in the order of the scenario's inputs.
    pub fn draws(&self) -> &[f64] {
        &self.draws
    }

    /// The last trial, as a collector sees it.
    pub fn finished(&self) -> FinishedTrial<'_> {
        FinishedTrial {
            key: self.trial,
            draws: &self.draws,
            outcomes: &self.outcomes,
            event_seeds: &self.event_seeds,
            months: self.scenario.horizon_months as usize + 1,
            month_end_net: &self.month_end_net,
            upfront_parts: &self.upfront_parts,
            part_offsets: &self.part_offsets,
        }
    }

    /// The running cost of option `option` (an index into the scenario's options) in the last
    /// trial.
    pub fn running_cost(&self, option: usize) -> &RunningCost {
        &self.costs[option]
    }

    /// Events in calendar month `month` of the last trial.
    pub fn volume(&self, month: u32) -> f64 {
        self.volume[month as usize]
    }

    fn evaluate(&mut self, point_estimate: bool) {
        let scenario = self.scenario;
        let draws = &self.draws;
        let workload = &scenario.workload;
        let per_period = if workload.per_day {
            scenario.days_per_month
        } else {
            1.0
        };
        let growth = 1.0 + workload.growth.get(draws);
        let mut volume = workload.volume.get(draws) * per_period;
        if workload.in_tokens
            && let Some(tokens) = workload.tokens_per_event
        {
            volume /= tokens.get(draws);
        }
        for v in &mut self.volume {
            *v = volume;
            volume *= growth;
        }
        let horizon = f64::from(scenario.horizon_months);
        for (o, option) in scenario.options.iter().enumerate() {
            self.costs[o].prepare(
                option,
                draws,
                scenario.hours_per_month,
                scenario.horizon_months,
            );
            let times = &mut self.deprecations[o];
            match &option.deprecation {
                Some(d) => {
                    let draw = if point_estimate {
                        EventDraw::Mean
                    } else {
                        EventDraw::Seed(self.event_seeds[o])
                    };
                    deprecation_times(d, draws, draw, horizon, times);
                }
                None => times.clear(),
            }
        }
        // The baseline's timeline is built by the first candidate that goes live.
        self.baseline_built = false;
        for candidate in 0..self.candidates.len() {
            self.outcomes[candidate] = self.candidate_outcome(candidate);
        }
    }

    /// The outcome of candidate `candidate` (its position in [`Scenario::candidates`]) in the
    /// current trial.
    fn candidate_outcome(&mut self, candidate: usize) -> Outcome {
        let scenario = self.scenario;
        let option = self.candidates[candidate];
        let draws = &self.draws;
        let horizon = f64::from(scenario.horizon_months);
        let (upfront, go_live, succeeded) = match &scenario.options[option].project {
            Some(project) => (
                project.investment(
                    draws,
                    &mut self.upfront_parts
                        [self.part_offsets[candidate]..self.part_offsets[candidate + 1]],
                ),
                project.build_months.get(draws),
                self.success_draws[candidate] < project.success.get(draws),
            ),
            None => (0.0, 0.0, true),
        };
        let mut path = CashPath::start(upfront);
        let months = scenario.horizon_months as usize + 1;
        let mut nets = std::mem::take(&mut self.month_end_net);
        let row = &mut nets[candidate * months..(candidate + 1) * months];
        row.fill(path.net());
        if succeeded && go_live < horizon {
            let prices = TrialPrices {
                scenario,
                draws,
                volume: &self.volume,
                costs: &self.costs,
            };
            let baseline = scenario.baseline;
            if !self.baseline_built {
                self.baseline.prepare(
                    prices,
                    baseline,
                    0.0,
                    &self.deprecations[baseline],
                    self.lump_discount_rate,
                );
                self.baseline_built = true;
            }
            self.candidate.prepare(
                prices,
                option,
                go_live,
                &self.deprecations[option],
                self.lump_discount_rate,
            );
            let base_lumps = &self.baseline.lumps;
            walk(
                &self.baseline.rule(prices),
                &self.candidate.rule(prices),
                Lumps {
                    base: &base_lumps[base_lumps.partition_point(|l| l.at < go_live)..],
                    cand: &self.candidate.lumps,
                },
                go_live,
                &self.month_discount,
                &mut path,
                row,
                &mut self.month_pieces,
            );
        }
        self.month_end_net = nets;
        let never = f64::INFINITY;
        Outcome {
            upfront,
            payback: if succeeded { path.payback() } else { never },
            discounted_payback: if succeeded {
                path.discounted_payback()
            } else {
                never
            },
            npv: path.discounted_net(),
            succeeded,
        }
    }
}
