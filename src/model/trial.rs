//! One trial: draws every input, then walks each candidate's cumulative net cash against the
//! baseline month by month to the horizon (MODEL.md, "Payback and the other per-trial outputs").
//! A [`TrialRunner`] owns every buffer a trial needs, so running a trial allocates nothing.

use crate::model::cash_path::CashPath;
use crate::model::running_cost::RunningCost;
use crate::scenario::{Money, Months, Scenario};
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

/// Runs trials of one scenario, reusing its buffers from trial to trial.
#[derive(Debug, Clone)]
pub struct TrialRunner<'s> {
    scenario: &'s Scenario,
    candidates: Vec<usize>,
    /// Month-end discount factor of each month, `(1 + r)^(−(m+1)/12)`.
    month_discount: Vec<f64>,
    draws: Vec<f64>,
    success_draws: Vec<f64>,
    volume: Vec<f64>,
    /// The baseline's running cost in each month of the current trial.
    baseline_rate: Vec<f64>,
    costs: Vec<RunningCost>,
    outcomes: Vec<Outcome>,
}

impl<'s> TrialRunner<'s> {
    /// Buffers sized for `scenario`.
    pub fn new(scenario: &'s Scenario) -> Self {
        let horizon = scenario.horizon_months as usize;
        let candidates: Vec<usize> = scenario.candidates().collect();
        let base = 1.0 + scenario.discount_rate;
        TrialRunner {
            scenario,
            month_discount: (0..horizon)
                .map(|m| base.powf(-((m + 1) as f64) / 12.0))
                .collect(),
            draws: vec![0.0; scenario.inputs.len()],
            success_draws: vec![0.0; candidates.len()],
            volume: vec![0.0; horizon],
            baseline_rate: vec![0.0; horizon],
            costs: vec![RunningCost::default(); scenario.options.len()],
            outcomes: vec![Outcome::default(); candidates.len()],
            candidates,
        }
    }

    /// One random trial: every input drawn, then one uniform per candidate for its success.
    /// Returns one outcome per candidate, in the order of [`Scenario::candidates`].
    pub fn run<R: Rng + ?Sized>(&mut self, rng: &mut R) -> &[Outcome] {
        self.scenario.inputs.sample_into(rng, &mut self.draws);
        for u in &mut self.success_draws {
            *u = rng.random::<f64>();
        }
        self.evaluate();
        &self.outcomes
    }

    /// The deterministic point estimate: every input at its mean and every project succeeding
    /// (when its success probability is above zero), the number a spreadsheet gives.
    pub fn run_point_estimate(&mut self) -> &[Outcome] {
        self.scenario.inputs.means_into(&mut self.draws);
        self.success_draws.fill(0.0);
        self.evaluate();
        &self.outcomes
    }

    /// The inputs of the last trial, in the order of the scenario's inputs.
    pub fn draws(&self) -> &[f64] {
        &self.draws
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

    fn evaluate(&mut self) {
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
        for v in &mut self.volume {
            *v = volume;
            volume *= growth;
        }
        for (cost, option) in self.costs.iter_mut().zip(&scenario.options) {
            *cost = RunningCost::prepare(option, draws, scenario.hours_per_month);
        }
        let (base_spec, base_cost) = (
            &scenario.options[scenario.baseline],
            &self.costs[scenario.baseline],
        );
        for (month, (rate, &volume)) in self.baseline_rate.iter_mut().zip(&self.volume).enumerate()
        {
            let month = month as u32;
            *rate = base_cost.rate(base_spec, draws, month, volume, month);
        }
        for (slot, &candidate) in self.candidates.iter().enumerate() {
            self.outcomes[slot] = self.candidate_outcome(candidate, self.success_draws[slot]);
        }
    }

    /// Walks one candidate's cash path against the baseline in the current trial.
    fn candidate_outcome(&self, candidate: usize, success_draw: f64) -> Outcome {
        let scenario = self.scenario;
        let draws = &self.draws;
        let horizon = scenario.horizon_months;
        let (upfront, go_live, succeeded) = match &scenario.options[candidate].project {
            Some(project) => (
                project.investment(draws),
                project.build_months.get(draws),
                success_draw < project.success.get(draws),
            ),
            None => (0.0, 0.0, true),
        };
        let mut path = CashPath::start(upfront);
        if succeeded && go_live < horizon as f64 {
            self.walk(candidate, go_live, &mut path);
        }
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

    /// Savings from go-live `go_live` to the horizon. Before go-live the candidate *is* the
    /// baseline, so nothing accrues. A month is split where the candidate's clock (months since
    /// go-live) steps, when its cost depends on that clock.
    fn walk(&self, candidate: usize, go_live: Months, path: &mut CashPath) {
        let scenario = self.scenario;
        let draws = &self.draws;
        let (cand_spec, cand_cost) = (&scenario.options[candidate], &self.costs[candidate]);
        let first = go_live.floor() as u32;
        let offset = go_live - first as f64;
        let split = cand_cost.depends_on_clock() && offset > 0.0;
        for month in first..scenario.horizon_months {
            let m = month as usize;
            let (volume, discount) = (self.volume[m], self.month_discount[m]);
            let baseline = self.baseline_rate[m];
            let saving =
                |clock: u32| baseline - cand_cost.rate(cand_spec, draws, month, volume, clock);
            let start = month as f64;
            let clock = month - first;
            if month == first {
                path.flow(go_live, start + 1.0 - go_live, saving(0), discount);
            } else if split {
                path.flow(start, offset, saving(clock - 1), discount);
                path.flow(start + offset, 1.0 - offset, saving(clock), discount);
            } else {
                path.flow(start, 1.0, saving(clock), discount);
            }
        }
    }
}
