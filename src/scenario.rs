//! The validated scenario: what `config` builds from a TOML file and what the model simulates.
//! Every number is a [`Param`] into the scenario's [`Inputs`]; structure (which options, which
//! items) is fixed per scenario.

use crate::inputs::{Inputs, Param};

/// Months from the decision (t = 0), possibly fractional.
pub type Months = f64;
/// An amount in the scenario's currency.
pub type Money = f64;
/// A probability in [0, 1].
pub type Probability = f64;

/// Largest horizon accepted, in months (50 years).
pub const MAX_HORIZON_MONTHS: u32 = 600;
/// Largest number of trials accepted in one run.
pub const MAX_TRIALS: u64 = 10_000_000_000;

/// A checked scenario, ready to simulate.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Display name (`scenario.name`).
    pub name: String,
    /// Currency code or symbol used in every report.
    pub currency: String,
    /// Horizon `H` in whole months.
    pub horizon_months: u32,
    /// Annual discount rate for NPV and discounted payback.
    pub discount_rate: f64,
    /// Default number of trials.
    pub trials: u64,
    /// Default seed.
    pub seed: u64,
    /// Days in a month (converts per-day volumes).
    pub days_per_month: f64,
    /// Hours in a month (converts hourly serving prices).
    pub hours_per_month: f64,
    /// Working hours of one full-time person in a month (says labour saved as FTEs).
    pub fte_hours_per_month: f64,
    /// Every numeric input, in draw order.
    pub inputs: Inputs,
    /// Volume of events.
    pub workload: Workload,
    /// All options; `options[baseline]` is the status quo.
    pub options: Vec<OptionSpec>,
    /// Index of the baseline in `options`.
    pub baseline: usize,
    /// The names the file gives its tables with `label = "..."`.
    pub labels: Labels,
}

impl Scenario {
    /// Indices of the candidates (every option but the baseline), in file order.
    pub fn candidates(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.options.len()).filter(move |&i| i != self.baseline)
    }
}

/// The labels a file gives its tables (`label = "..."`), by the table's dotted path
/// (`options.fine_tuned`, `options.fine_tuned.errors.wrong_department`, or an input's own path
/// when the input is a distribution table).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Labels(std::collections::BTreeMap<String, String>);

impl Labels {
    /// Gives the table at `path` the label `label`.
    pub fn insert(&mut self, path: &str, label: &str) {
        self.0.insert(path.to_string(), label.to_string());
    }

    /// The label of the table at `path`, if the file gives one.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.0.get(path).map(String::as_str)
    }

    /// The name of the table at `path`: its label, or its last key with underscores as
    /// spaces.
    pub fn name(&self, path: &str) -> String {
        self.get(path).map_or_else(
            || path.rsplit('.').next().unwrap_or(path).replace('_', " "),
            str::to_string,
        )
    }

    /// Whether the file gives no label.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Events per month at t = 0 and their monthly growth: `V(m) = V0 · (1 + g)^m`.
#[derive(Debug, Clone)]
pub struct Workload {
    /// Events (or, with `in_tokens`, tokens) per period at t = 0.
    pub volume: Param,
    /// Whether `volume` counts per day (else per month).
    pub per_day: bool,
    /// Whether `volume` counts tokens: the events are then `volume / tokens_per_event`.
    pub in_tokens: bool,
    /// Tokens in one event, when the file gives them (a volume in tokens and serving sized by
    /// throughput need them).
    pub tokens_per_event: Option<Param>,
    /// Monthly growth rate `g`.
    pub growth: Param,
}

impl Workload {
    /// What the volume counts, per what (`events per day`).
    pub fn volume_unit(&self) -> &'static str {
        match (self.in_tokens, self.per_day) {
            (false, true) => "events per day",
            (false, false) => "events per month",
            (true, true) => "tokens per day",
            (true, false) => "tokens per month",
        }
    }

    /// The dotted path of the volume input.
    pub fn volume_path(&self) -> &'static str {
        match (self.in_tokens, self.per_day) {
            (false, true) => "workload.events_per_day",
            (false, false) => "workload.events_per_month",
            (true, true) => "workload.tokens_per_day",
            (true, false) => "workload.tokens_per_month",
        }
    }
}

/// One way of doing the work: the baseline or a candidate.
#[derive(Debug, Clone)]
pub struct OptionSpec {
    /// Name (the key under `[options]`).
    pub name: String,
    /// Inference cost per event.
    pub direct: DirectCost,
    /// Yearly change of the direct cost, stepping monthly: `(1 + p)^(m/12)`.
    pub price_change_per_year: Option<Param>,
    /// Error buckets (the collapsed confusion matrix).
    pub errors: Vec<ErrorBucket>,
    /// Human review of a share of events.
    pub review: Option<Review>,
    /// Human handling time per event.
    pub labour: Option<Labour>,
    /// Fixed monthly costs (storage, monitoring, MLOps time), by name.
    pub monthly: Vec<(String, Param)>,
    /// Serving instances.
    pub serving: Option<Serving>,
    /// Monthly benefits (negative costs), by name.
    pub benefits: Vec<Benefit>,
    /// The project that builds this option (candidates only); none means live at t = 0 for free.
    pub project: Option<Project>,
    /// Monthly drift `d`: error rates × `(1 + d)^k`, k whole months since go-live or retrain.
    pub drift_per_month: Option<Param>,
    /// Periodic retraining after go-live.
    pub retrain: Option<Retrain>,
    /// The vendor retiring the model this option depends on.
    pub deprecation: Option<Deprecation>,
    /// An extra cost per event beyond the file's (0 as written): what `payback solve
    /// --max-premium` searches over.
    pub premium_per_event: Money,
}

/// A retrain every `every_months` after go-live: a lump cost that resets drift.
#[derive(Debug, Clone)]
pub struct Retrain {
    /// Whole months between retrains.
    pub every_months: u32,
    /// Cost of one retrain (the same for every retrain of a trial).
    pub cost: Param,
}

/// When the vendor retires the model: a fixed (or sampled) month, or a constant hazard.
#[derive(Debug, Clone)]
pub enum DeprecationTime {
    /// At this month from the decision.
    AtMonth(Param),
    /// Exponential waiting times with this yearly hazard; with `repeat`, a Poisson process.
    Hazard {
        /// Deprecations per year.
        per_year: Param,
        /// Whether deprecations recur.
        repeat: bool,
    },
}

/// A vendor deprecation of an option's model.
#[derive(Debug, Clone)]
pub struct Deprecation {
    /// When it happens.
    pub time: DeprecationTime,
    /// Lump cost of migrating at each deprecation.
    pub migration_cost: Param,
    /// Months after a deprecation during which the option runs at its fallback's cost.
    pub downtime_months: Param,
    /// Factor on the direct cost of each successor model.
    pub cost_factor: Param,
    /// Factor on the error rates of each successor model.
    pub error_factor: Param,
    /// Index of the option whose cost applies during downtime (default: the baseline).
    pub fallback: Option<usize>,
}

/// Inference cost per event.
#[derive(Debug, Clone)]
pub enum DirectCost {
    /// No per-event inference cost.
    None,
    /// Given per event.
    PerEvent(Param),
    /// From tokens: `(tokens_in · price_in + tokens_out · price_out) / 1e6`.
    Tokens {
        /// Input tokens per event.
        tokens_in: Param,
        /// Output tokens per event.
        tokens_out: Param,
        /// Price per million input tokens.
        price_in: Param,
        /// Price per million output tokens.
        price_out: Param,
    },
}

/// Errors of one kind: a rate per event and a cost per error.
#[derive(Debug, Clone)]
pub struct ErrorBucket {
    /// Bucket name (the key under `errors`, or `accuracy`).
    pub name: String,
    /// Where the rate comes from.
    pub rate: ErrorRate,
    /// Cost of one error.
    pub cost: Param,
}

/// The error rate of a bucket.
#[derive(Debug, Clone, Copy)]
pub enum ErrorRate {
    /// The rate itself.
    Rate(Param),
    /// An accuracy `a`: the rate is `1 − a`.
    Accuracy(Param),
}

impl ErrorRate {
    /// The rate per event in a trial.
    #[inline]
    pub fn get(self, draws: &[f64]) -> f64 {
        match self {
            ErrorRate::Rate(p) => p.get(draws),
            ErrorRate::Accuracy(p) => 1.0 - p.get(draws),
        }
    }
}

/// Share of events a human reviews and the cost of one review.
#[derive(Debug, Clone)]
pub struct Review {
    /// Share of events reviewed.
    pub rate: Param,
    /// Cost of one review.
    pub cost: Param,
}

/// People doing the work: handling time per event and their hourly cost.
#[derive(Debug, Clone)]
pub struct Labour {
    /// Handling time per event, in units of `1 / per_hour` hours (seconds or minutes).
    pub time: Param,
    /// Units of `time` in an hour: 3600 for seconds, 60 for minutes.
    pub per_hour: f64,
    /// Cost of an hour.
    pub hourly: Param,
}

impl Labour {
    /// Hours a person spends on one event, in a trial.
    #[inline]
    pub fn hours(&self, draws: &[f64]) -> f64 {
        self.time.get(draws) / self.per_hour
    }
}

/// Serving instances billed by the hour.
#[derive(Debug, Clone)]
pub struct Serving {
    /// Price of one instance-hour.
    pub hourly: Param,
    /// How many instances run.
    pub instances: Instances,
}

/// How many serving instances run in a month.
#[derive(Debug, Clone)]
pub enum Instances {
    /// A fixed count.
    Fixed(Param),
    /// `max(min_instances, ceil(V(m) / capacity_per_instance))`.
    Capacity {
        /// Events per month one instance serves.
        capacity_per_instance: Param,
        /// Instances that always run.
        min_instances: Param,
    },
    /// `max(min_instances, ceil(tokens(m) / (tokens_per_second · seconds in a month ·
    /// utilization)))`: the capacity of an instance from its throughput.
    Throughput {
        /// Tokens one instance processes a second at full load.
        tokens_per_second: Param,
        /// Share of the time an instance is busy, in (0, 1].
        utilization: Param,
        /// Instances that always run.
        min_instances: Param,
        /// Tokens in one event (the workload's).
        tokens_per_event: Param,
    },
}

/// A monthly benefit, ramped linearly from go-live.
#[derive(Debug, Clone)]
pub struct Benefit {
    /// Benefit name (the key under `benefits`).
    pub name: String,
    /// Full monthly benefit.
    pub monthly: Param,
    /// Months to reach the full benefit (0 = at once).
    pub ramp_months: Param,
}

/// The project that builds a candidate.
#[derive(Debug, Clone)]
pub struct Project {
    /// Build time `D` in months: go-live time.
    pub build_months: Param,
    /// Probability that the project succeeds and goes live.
    pub success: Param,
    /// Contingency share added to the investment.
    pub contingency: Param,
    /// Training runs planned.
    pub planned_runs: Param,
    /// Training runs that fail and must be redone.
    pub failed_runs: Param,
    /// Cost of one training run.
    pub cost_per_run: RunCost,
    /// Cost items (data preparation, engineering, evaluation, ...).
    pub items: Vec<ProjectItem>,
    /// A factor on the whole investment (1 as written): what `payback solve --max-investment`
    /// searches over.
    pub scale: f64,
}

/// One cost item of a project: a cost (or hours × rate) times an overrun multiplier.
#[derive(Debug, Clone)]
pub struct ProjectItem {
    /// Item name (the key under `items`).
    pub name: String,
    /// The planned cost.
    pub cost: ItemCost,
    /// Overrun multiplier on the planned cost.
    pub overrun: Param,
}

/// The planned cost of a project item.
#[derive(Debug, Clone)]
pub enum ItemCost {
    /// A sum of money.
    Amount(Param),
    /// Hours at an hourly rate.
    Hours {
        /// Hours of work.
        hours: Param,
        /// Cost of an hour.
        rate: Param,
    },
    /// People for some weeks at an hourly cost: `people · weeks · hours_per_week · hourly`.
    Team {
        /// People working on it.
        people: Param,
        /// Weeks they work.
        weeks: Param,
        /// Hours one person works in a week.
        hours_per_week: Param,
        /// Cost of an hour.
        hourly: Param,
    },
}

/// The cost of one training run.
#[derive(Debug, Clone)]
pub enum RunCost {
    /// A sum of money.
    Amount(Param),
    /// GPU-hours at a price: `gpu_hours · hourly`.
    GpuHours {
        /// GPU-hours of one run.
        gpu_hours: Param,
        /// Price of a GPU-hour.
        hourly: Param,
    },
    /// From the tokens trained on: `tokens / tokens_per_second / 3600 · (1 + overhead) · gpus ·
    /// hourly`, the run's hours on all its GPUs, checkpoints, evaluation and start-up included.
    Tokens {
        /// Tokens processed in one run.
        tokens: Param,
        /// Tokens the whole run processes a second, on all its GPUs.
        tokens_per_second: Param,
        /// GPUs the run uses.
        gpus: Param,
        /// Price of a GPU-hour.
        hourly: Param,
        /// Share of time added for checkpoints, evaluation and start-up.
        overhead: Param,
    },
}

impl RunCost {
    /// The cost of one run in a trial.
    #[inline]
    pub fn get(&self, draws: &[f64]) -> Money {
        match self {
            RunCost::Amount(p) => p.get(draws),
            RunCost::GpuHours { gpu_hours, hourly } => gpu_hours.get(draws) * hourly.get(draws),
            RunCost::Tokens {
                tokens,
                tokens_per_second,
                gpus,
                hourly,
                overhead,
            } => {
                let hours = tokens.get(draws) / tokens_per_second.get(draws) / 3600.0;
                hours * (1.0 + overhead.get(draws)) * gpus.get(draws) * hourly.get(draws)
            }
        }
    }
}

impl ItemCost {
    /// The planned cost in a trial.
    #[inline]
    pub fn get(&self, draws: &[f64]) -> Money {
        match self {
            ItemCost::Amount(p) => p.get(draws),
            ItemCost::Hours { hours, rate } => hours.get(draws) * rate.get(draws),
            ItemCost::Team {
                people,
                weeks,
                hours_per_week,
                hourly,
            } => {
                people.get(draws) * weeks.get(draws) * hours_per_week.get(draws) * hourly.get(draws)
            }
        }
    }
}

impl Project {
    /// Upfront investment `I = (Σ cost_i · overrun_i + runs · cost_per_run) · (1 + contingency)`
    /// (times [`Project::scale`]), writing its parts into `parts` (length
    /// [`Project::part_count`]): each item's `cost · overrun`, then the training runs, then the
    /// contingency. They sum to `I`.
    #[inline]
    pub fn investment(&self, draws: &[f64], parts: &mut [Money]) -> Money {
        let n = self.items.len();
        for (part, item) in parts.iter_mut().zip(&self.items) {
            *part = self.scale * item.cost.get(draws) * item.overrun.get(draws);
        }
        let runs = self.planned_runs.get(draws) + self.failed_runs.get(draws);
        parts[n] = self.scale * runs * self.cost_per_run.get(draws);
        let subtotal: Money = parts[..=n].iter().sum();
        parts[n + 1] = subtotal * self.contingency.get(draws);
        subtotal + parts[n + 1]
    }

    /// Number of parts of the investment: the items, the training runs, the contingency.
    pub fn part_count(&self) -> usize {
        self.items.len() + 2
    }

    /// Names of the parts, in the order of [`Project::investment`].
    pub fn part_names(&self) -> impl Iterator<Item = &str> {
        self.items
            .iter()
            .map(|i| i.name.as_str())
            .chain(["training runs", "contingency"])
    }
}

/// What kind of uncertain quantity of the scenario a factor of the sensitivity analysis is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorKind {
    /// An uncertain input of the scenario file: binned by the quantile of its draw.
    Input,
    /// A candidate's project success: binned by the uniform behind it, so its low bins
    /// succeed first (a project succeeds when the uniform is below its success probability).
    Success,
    /// An option's first deprecation under a hazard: binned by the uniform behind the first
    /// waiting time, so its low bins are the earliest retirements.
    Deprecation,
}
