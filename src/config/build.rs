//! From the raw file to a checked [`Scenario`]: parses every number's distribution, checks it
//! against the field's range, registers it as an input under its dotted path, and checks the
//! structure (one baseline, one way to give each quantity).

use super::domain::{Domain, MAX_MASS_OUTSIDE};
use super::raw::{
    Num, RawCorrelation, RawDeprecation, RawFile, RawItem, RawOption, RawProject, RawServing,
};
use crate::distribution::{self, Dist, fmt as fmt_num};
use crate::error::InputError;
use crate::inputs::{Inputs, Param, RankCorrelation};
use crate::numbers::{count, group};
use crate::scenario::*;
use indexmap::IndexMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// Builds scenarios from one file, reporting errors with the file's lines.
pub struct Builder<'a> {
    file: &'a Path,
    src: &'a str,
    inputs: Inputs,
    /// Names of all options, in file order (for fallbacks).
    option_names: Vec<String>,
    /// Whether the file is a variant of a checked one, whose changes may set a correlated
    /// input to a constant.
    variant: bool,
    /// The inputs of the checked file this one is a variant of, whose quantile tables it
    /// shares where it leaves a correlated input as it was.
    known: Option<&'a Inputs>,
    /// The range of every number checked, by dotted path.
    domains: IndexMap<String, Domain>,
    /// The labels the file gives its tables.
    labels: Labels,
    /// The workload's tokens per event, when it gives them.
    tokens_per_event: Option<Param>,
    /// The cost of each kind of error given once for every option (`[errors.NAME]`).
    shared_error_costs: IndexMap<String, Param>,
}

type Result<T> = std::result::Result<T, InputError>;

/// Amounts, counts and durations: large enough for any business case, small enough that no sum
/// of them over 600 months of growing volume overflows.
const COST: Domain = Domain::closed(0.0, 1e15, "a number in [0, 1e15]");
const CAPACITY: Domain = Domain::closed_above(0.0, 1e12, "a number of events in (0, 1e12]");
const VOLUME: Domain = Domain::closed(0.0, 1e12, "a number of events in [0, 1e12]");
const TOKEN_VOLUME: Domain = Domain::closed(0.0, 1e15, "a number of tokens in [0, 1e15]");
const TOKENS_PER_EVENT: Domain = Domain::closed(1.0, 1e9, "a number of tokens in [1, 1e9]");
const THROUGHPUT: Domain = Domain::closed_above(0.0, 1e9, "tokens a second in (0, 1e9]");
const UTILIZATION: Domain = Domain::closed_above(0.0, 1.0, "a busy share in (0, 1]");
const WEEK_HOURS: Domain = Domain::closed(0.0, 168.0, "hours a week in [0, 168]");
const GPUS: Domain = Domain::closed_above(0.0, 1e6, "a number of GPUs in (0, 1e6]");
/// The share of a training run's time spent on checkpoints, evaluation and start-up, when the
/// file does not say (the sources' figure).
const DEFAULT_OVERHEAD: f64 = 0.15;
const OVERHEAD: Domain = Domain::closed(0.0, 10.0, "a share in [0, 10]");
const GROWTH: Domain = Domain::closed(-1.0, 1.0, "a monthly growth rate in [-1, 1]");
/// The most the volume may grow over the horizon: a million-fold (47 % a month for 36 months,
/// 2.3 % a month for 600). With volumes, prices and amounts capped at 10¹² and 10¹⁵, NPVs then
/// stay below about 10⁵⁰, and sums of their squares (for standard errors) far below the
/// largest float.
const MAX_VOLUME_GROWTH: f64 = 1e6;
const PRICE_CHANGE: Domain = Domain::closed(-1.0, 10.0, "a yearly price change in [-1, 10]");
const DISCOUNT: Domain = Domain::closed(0.0, 1.0, "an annual rate in [0, 1]");
const DAYS: Domain = Domain::closed(1.0, 31.0, "a number of days in [1, 31]");
const HOURS: Domain = Domain::closed(1.0, 744.0, "a number of hours in [1, 744]");
const FTE_HOURS: Domain = Domain::closed(1.0, 744.0, "working hours a month in [1, 744]");
const RAMP: Domain = Domain::closed(0.0, MAX_HORIZON_MONTHS as f64, "months in [0, 600]");
const DRIFT: Domain = Domain::closed(0.0, 1.0, "a monthly drift in [0, 1]");
const HAZARD: Domain = Domain::closed(0.0, 12.0, "a yearly hazard in [0, 12]");
const FACTOR: Domain = Domain::closed(0.0, 100.0, "a factor in [0, 100]");
const CONTINGENCY: Domain = Domain::closed(0.0, 10.0, "a share in [0, 10]");
/// Longest label, in characters: it names an option or an input in tables and charts.
const MAX_LABEL: usize = 60;
const SEED_MAX: f64 = 9_007_199_254_740_992.0; // 2^53: every integer below is exact in TOML and JSON

impl<'a> Builder<'a> {
    /// A builder for the file `file` whose text is `src`.
    pub fn new(file: &'a Path, src: &'a str) -> Self {
        Builder {
            file,
            src,
            inputs: Inputs::default(),
            option_names: Vec::new(),
            variant: false,
            known: None,
            domains: IndexMap::new(),
            labels: Labels::default(),
            tokens_per_event: None,
            shared_error_costs: IndexMap::new(),
        }
    }

    /// A builder for a variant of the checked file of scenario `base` (a stress case, a sweep's
    /// value, a solver's step): a correlated input set to a constant keeps its place in the
    /// copula, so that its partners draw exactly what they draw in the file as written (common
    /// random numbers), and an input left as it was shares `base`'s quantile table.
    pub fn for_variant_of(mut self, base: &'a Scenario) -> Self {
        self.variant = true;
        self.known = Some(&base.inputs);
        self
    }

    /// Checks the raw file and builds the scenario, with the range of every number it checked
    /// (by dotted path).
    pub fn build(mut self, raw: RawFile) -> Result<(Scenario, IndexMap<String, Domain>)> {
        let s = &raw.scenario;
        let name = s.name.get_ref().trim().to_string();
        if name.is_empty() {
            return Err(self.error(Some(s.name.span()), "scenario.name", "must not be empty"));
        }
        let currency = s
            .currency
            .as_ref()
            .map_or_else(|| "USD".to_string(), |c| c.get_ref().trim().to_string());
        let horizon_months = self.integer(
            &s.horizon_months,
            "scenario.horizon_months",
            1,
            MAX_HORIZON_MONTHS as u64,
        )? as u32;
        let discount_rate = self.setting(
            s.discount_rate.as_ref(),
            "scenario.discount_rate",
            0.0,
            DISCOUNT,
        )?;
        let trials = match &s.trials {
            Some(n) => self.integer(n, "scenario.trials", 1, MAX_TRIALS)?,
            None => 1_000_000,
        };
        let seed = match &s.seed {
            Some(n) => self.integer(n, "scenario.seed", 0, SEED_MAX as u64)?,
            None => 42,
        };
        let days_per_month = self.setting(
            s.days_per_month.as_ref(),
            "scenario.days_per_month",
            30.0,
            DAYS,
        )?;
        let hours_per_month = self.setting(
            s.hours_per_month.as_ref(),
            "scenario.hours_per_month",
            720.0,
            HOURS,
        )?;

        let fte_hours_per_month = self.setting(
            s.fte_hours_per_month.as_ref(),
            "scenario.fte_hours_per_month",
            160.0,
            FTE_HOURS,
        )?;

        let workload = self.workload(&raw, horizon_months)?;
        for (kind, e) in raw.errors.iter().flatten() {
            let path = format!("errors.{kind}");
            self.label(e.get_ref().label.as_ref(), &path)?;
            let cost = self.param(&e.get_ref().cost, &format!("{path}.cost"), COST)?;
            self.shared_error_costs.insert(kind.clone(), cost);
        }
        self.option_names = raw.options.get_ref().keys().cloned().collect();
        let mut options = Vec::new();
        let mut baselines = Vec::new();
        for (key, option) in raw.options.get_ref() {
            if option.get_ref().baseline == Some(true) {
                baselines.push(options.len());
            }
            options.push(self.option(key, option)?);
        }
        let options_span = Some(raw.options.span());
        for (kind, e) in raw.errors.iter().flatten() {
            let named = raw.options.get_ref().values().any(|o| {
                o.get_ref()
                    .errors
                    .as_ref()
                    .is_some_and(|b| b.contains_key(kind))
            });
            if !named {
                return Err(self.error(
                    Some(e.span()),
                    &format!("errors.{kind}"),
                    format!(
                        "no option has errors.{kind}: give each option that makes this kind of \
                         error its rate, errors.{kind} = {{ rate = ... }}"
                    ),
                ));
            }
        }
        if options.len() < 2 {
            return Err(self.error(
                options_span,
                "options",
                format!(
                    "found {} option(s); a scenario needs at least two: the baseline \
                     (baseline = true) and a candidate",
                    options.len()
                ),
            ));
        }
        let baseline = match baselines.as_slice() {
            [one] => *one,
            [] => {
                return Err(self.error(
                    options_span,
                    "options",
                    "no option has baseline = true; mark exactly one (the status quo)",
                ));
            }
            many => {
                let names: Vec<_> = many.iter().map(|&i| options[i].name.as_str()).collect();
                return Err(self.error(
                    options_span,
                    "options",
                    format!(
                        "{} options have baseline = true ({}); exactly one may",
                        many.len(),
                        names.join(", ")
                    ),
                ));
            }
        };
        if options[baseline].project.is_some() {
            let name = &options[baseline].name;
            let span = raw.options.get_ref()[name.as_str()].span();
            return Err(self.error(
                Some(span),
                &format!("options.{name}.project"),
                "the baseline is the status quo and has no project; move the project to a \
                 candidate",
            ));
        }
        let needs_fallback = options[baseline].deprecation.as_ref().is_some_and(|d| {
            d.fallback.is_none()
                && self.inputs.get(d.downtime_months).dist.as_constant() != Some(0.0)
        });
        if needs_fallback {
            let name = &options[baseline].name;
            let span = raw.options.get_ref()[name.as_str()].span();
            return Err(self.error(
                Some(span),
                &format!("options.{name}.deprecation.fallback"),
                "the baseline's deprecation has downtime, so it needs a fallback: the name of \
                 the option whose cost applies meanwhile (fallback = \"human\", say)",
            ));
        }
        self.correlations(raw.correlation.as_deref().unwrap_or_default())?;
        let scenario = Scenario {
            name,
            currency,
            horizon_months,
            discount_rate,
            trials,
            seed,
            days_per_month,
            hours_per_month,
            fte_hours_per_month,
            inputs: self.inputs,
            workload,
            options,
            baseline,
            labels: self.labels,
        };
        Ok((scenario, self.domains))
    }

    fn workload(&mut self, raw: &RawFile, horizon_months: u32) -> Result<Workload> {
        self.label(raw.workload.label.as_ref(), "workload")?;
        let w = &raw.workload;
        let given: Vec<(&Num, &str, bool, bool)> = [
            (&w.events_per_day, "events_per_day", true, false),
            (&w.events_per_month, "events_per_month", false, false),
            (&w.tokens_per_day, "tokens_per_day", true, true),
            (&w.tokens_per_month, "tokens_per_month", false, true),
        ]
        .into_iter()
        .filter_map(|(v, field, per_day, in_tokens)| Some((v.as_ref()?, field, per_day, in_tokens)))
        .collect();
        const WAYS: &str = "events_per_day, events_per_month, tokens_per_day or tokens_per_month";
        let (v, field, per_day, in_tokens) = match given.as_slice() {
            [one] => *one,
            [] => {
                return Err(self.error(
                    None,
                    "workload",
                    format!("missing the volume: give one of {WAYS}"),
                ));
            }
            [first, second, ..] => {
                return Err(self.error(
                    Some(second.0.span()),
                    &format!("workload.{}", second.1),
                    format!(
                        "the volume is given twice ({} and {}): give one of {WAYS}",
                        first.1, second.1
                    ),
                ));
            }
        };
        let volume_domain = if in_tokens { TOKEN_VOLUME } else { VOLUME };
        let volume = self.param(v, &format!("workload.{field}"), volume_domain)?;
        let tokens_per_event = w
            .tokens_per_event
            .as_ref()
            .map(|t| self.param(t, "workload.tokens_per_event", TOKENS_PER_EVENT))
            .transpose()?;
        if in_tokens && tokens_per_event.is_none() {
            return Err(self.error(
                Some(v.span()),
                "workload.tokens_per_event",
                format!(
                    "missing: a volume in tokens ({field}) needs tokens_per_event, the tokens of \
                     one event (prompt and answer), to count the events"
                ),
            ));
        }
        self.tokens_per_event = tokens_per_event;
        let growth = self.param_or(
            w.growth_per_month.as_ref(),
            "workload.growth_per_month",
            0.0,
            GROWTH,
        )?;
        self.check_compounding(w.growth_per_month.as_ref(), growth, horizon_months)?;
        Ok(Workload {
            volume,
            per_day,
            in_tokens,
            tokens_per_event,
            growth,
        })
    }

    /// Refuses a growth that compounds the volume more than [`MAX_VOLUME_GROWTH`]-fold over the
    /// horizon (at its largest value, or its 1 − 10⁻⁹ quantile when unbounded): beyond that,
    /// amounts outgrow what sums of squares of NPVs can hold.
    fn check_compounding(&self, v: Option<&Num>, growth: Param, horizon_months: u32) -> Result<()> {
        let dist = &self.inputs.get(growth).dist;
        let (_, hi) = dist.support();
        let fastest = if hi.is_finite() {
            hi
        } else {
            dist.quantile(1.0 - MAX_MASS_OUTSIDE)
        };
        let months = f64::from(horizon_months);
        let factor = (1.0 + fastest).powf(months);
        if factor <= MAX_VOLUME_GROWTH {
            return Ok(());
        }
        let most = MAX_VOLUME_GROWTH.powf(1.0 / months) - 1.0;
        Err(self.error(
            v.map(Spanned::span),
            "workload.growth_per_month",
            format!(
                "{} grows the volume up to {factor:.3e}-fold over the {horizon_months}-month \
                 horizon (at {} a month); at most a {MAX_VOLUME_GROWTH:.0e}-fold growth is \
                 allowed: keep it at or below {most:.4} a month for this horizon, or shorten \
                 the horizon",
                dist.describe(),
                fmt_num(fastest),
            ),
        ))
    }

    fn option(&mut self, name: &str, spanned: &Spanned<RawOption>) -> Result<OptionSpec> {
        let o = spanned.get_ref();
        let at = |field: &str| format!("options.{name}.{field}");
        self.label(o.label.as_ref(), &format!("options.{name}"))?;
        let direct = match &o.cost_per_event {
            None => DirectCost::None,
            Some(v) => self.direct_cost(v, &at("cost_per_event"))?,
        };
        let price_change_per_year = o
            .price_change_per_year
            .as_ref()
            .map(|v| self.param(v, &at("price_change_per_year"), PRICE_CHANGE))
            .transpose()?;
        let mut errors = Vec::new();
        for (bucket, b) in o.errors.iter().flatten() {
            let path = at(&format!("errors.{bucket}"));
            self.label(b.get_ref().label.as_ref(), &path)?;
            if b.get_ref().label.is_none()
                && let Some(shared) = self.labels.get(&format!("errors.{bucket}"))
            {
                let shared = shared.to_string();
                self.labels.insert(&path, &shared);
            }
            errors.push(ErrorBucket {
                name: bucket.clone(),
                rate: ErrorRate::Rate(self.param(
                    &b.get_ref().rate,
                    &format!("{path}.rate"),
                    Domain::PROBABILITY,
                )?),
                cost: match (&b.get_ref().cost, self.shared_error_costs.get(bucket)) {
                    (Some(cost), _) => self.param(cost, &format!("{path}.cost"), COST)?,
                    (None, Some(&shared)) => shared,
                    (None, None) => {
                        return Err(self.error(
                            Some(b.span()),
                            &format!("{path}.cost"),
                            format!(
                                "missing: give the cost of one {bucket} error here, or once for \
                                 every option as [errors.{bucket}] cost = ..."
                            ),
                        ));
                    }
                },
            });
        }
        match (&o.accuracy, &o.error_cost) {
            (Some(acc), Some(cost)) => {
                if !errors.is_empty() {
                    return Err(self.error(
                        Some(acc.span()),
                        &at("accuracy"),
                        "give either accuracy (with error_cost) or errors.NAME buckets, not both",
                    ));
                }
                errors.push(ErrorBucket {
                    name: "errors".into(),
                    rate: ErrorRate::Accuracy(self.param(
                        acc,
                        &at("accuracy"),
                        Domain::PROBABILITY,
                    )?),
                    cost: self.param(cost, &at("error_cost"), COST)?,
                });
            }
            (Some(acc), None) => {
                return Err(self.error(
                    Some(acc.span()),
                    &at("accuracy"),
                    "accuracy needs error_cost (the cost of one error)",
                ));
            }
            (None, Some(cost)) => {
                return Err(self.error(
                    Some(cost.span()),
                    &at("error_cost"),
                    "error_cost needs accuracy (the share of events handled correctly)",
                ));
            }
            (None, None) => {}
        }
        let review = match &o.review {
            None => None,
            Some(r) => {
                self.label(r.label.as_ref(), &at("review"))?;
                Some(Review {
                    rate: self.param(&r.rate, &at("review.rate"), Domain::PROBABILITY)?,
                    cost: self.param(&r.cost, &at("review.cost"), COST)?,
                })
            }
        };
        let labour = match &o.labour {
            None => None,
            Some(l) => {
                self.label(l.label.as_ref(), &at("labour"))?;
                let (time, per_hour) = match (&l.seconds, &l.minutes) {
                    (Some(t), None) => (self.param(t, &at("labour.seconds"), COST)?, 3600.0),
                    (None, Some(t)) => (self.param(t, &at("labour.minutes"), COST)?, 60.0),
                    (Some(_), Some(t)) => {
                        return Err(self.error(
                            Some(t.span()),
                            &at("labour.minutes"),
                            "give the handling time in seconds or in minutes, not both",
                        ));
                    }
                    (None, None) => {
                        return Err(self.error(
                            Some(l.hourly.span()),
                            &at("labour"),
                            "missing the handling time per event: give seconds or minutes",
                        ));
                    }
                };
                Some(Labour {
                    time,
                    per_hour,
                    hourly: self.param(&l.hourly, &at("labour.hourly"), COST)?,
                })
            }
        };
        let mut monthly = Vec::new();
        for (item, v) in o.monthly.iter().flatten() {
            monthly.push((
                item.clone(),
                self.param(v, &at(&format!("monthly.{item}")), COST)?,
            ));
        }
        let serving = o
            .serving
            .as_ref()
            .map(|s| self.serving(s, &at("serving")))
            .transpose()?;
        let mut benefits = Vec::new();
        for (benefit, b) in o.benefits.iter().flatten() {
            let path = at(&format!("benefits.{benefit}"));
            self.label(b.label.as_ref(), &path)?;
            benefits.push(Benefit {
                name: benefit.clone(),
                monthly: self.param(&b.monthly, &format!("{path}.monthly"), COST)?,
                ramp_months: self.param_or(
                    b.ramp_months.as_ref(),
                    &format!("{path}.ramp_months"),
                    0.0,
                    RAMP,
                )?,
            });
        }
        let project = o
            .project
            .as_ref()
            .map(|p| self.project(p, &at("project")))
            .transpose()?;
        let drift_per_month = o
            .drift_per_month
            .as_ref()
            .map(|v| self.param(v, &at("drift_per_month"), DRIFT))
            .transpose()?;
        let retrain = match &o.retrain {
            None => None,
            Some(r) => {
                self.label(r.get_ref().label.as_ref(), &at("retrain"))?;
                Some(Retrain {
                    every_months: self.integer(
                        &r.get_ref().every_months,
                        &at("retrain.every_months"),
                        1,
                        MAX_HORIZON_MONTHS as u64,
                    )? as u32,
                    cost: self.param(&r.get_ref().cost, &at("retrain.cost"), COST)?,
                })
            }
        };
        let deprecation = o
            .deprecation
            .as_ref()
            .map(|d| self.deprecation(name, d, &at("deprecation")))
            .transpose()?;
        Ok(OptionSpec {
            name: name.to_string(),
            direct,
            price_change_per_year,
            errors,
            review,
            labour,
            monthly,
            serving,
            benefits,
            project,
            drift_per_month,
            retrain,
            deprecation,
            premium_per_event: 0.0,
        })
    }

    fn deprecation(
        &mut self,
        option: &str,
        spanned: &Spanned<RawDeprecation>,
        path: &str,
    ) -> Result<Deprecation> {
        let d = spanned.get_ref();
        let at = |field: &str| format!("{path}.{field}");
        self.label(d.label.as_ref(), path)?;
        let repeat = d.repeat.as_ref().map(|r| *r.get_ref());
        let time = match (&d.at_month, &d.hazard_per_year) {
            (Some(t), None) => {
                if let Some(r) = d.repeat.as_ref().filter(|r| *r.get_ref()) {
                    return Err(self.error(
                        Some(r.span()),
                        &at("repeat"),
                        "repeat = true needs hazard_per_year (deprecations recurring at random); \
                         at_month gives one deprecation",
                    ));
                }
                DeprecationTime::AtMonth(self.param(t, &at("at_month"), COST)?)
            }
            (None, Some(h)) => DeprecationTime::Hazard {
                per_year: self.param(h, &at("hazard_per_year"), HAZARD)?,
                repeat: repeat.unwrap_or(false),
            },
            (Some(_), Some(h)) => {
                return Err(self.error(
                    Some(h.span()),
                    path,
                    "give at_month (when) or hazard_per_year (how often), not both",
                ));
            }
            (None, None) => {
                return Err(self.error(
                    Some(spanned.span()),
                    path,
                    "missing the time: give at_month or hazard_per_year",
                ));
            }
        };
        let fallback = match &d.fallback {
            None => None,
            Some(f) => {
                let target = f.get_ref();
                match self.option_names.iter().position(|n| n == target) {
                    Some(_) if target == option => {
                        return Err(self.error(
                            Some(f.span()),
                            &at("fallback"),
                            format!("`{target}` is this option itself; name another option"),
                        ));
                    }
                    Some(i) => Some(i),
                    None => {
                        return Err(self.error(
                            Some(f.span()),
                            &at("fallback"),
                            format!(
                                "`{target}` is not an option; the options are {}",
                                self.option_names.join(", ")
                            ),
                        ));
                    }
                }
            }
        };
        Ok(Deprecation {
            time,
            migration_cost: self.param_or(
                d.migration_cost.as_ref(),
                &at("migration_cost"),
                0.0,
                COST,
            )?,
            downtime_months: self.param_or(
                d.downtime_months.as_ref(),
                &at("downtime_months"),
                0.0,
                RAMP,
            )?,
            cost_factor: self.param_or(d.cost_factor.as_ref(), &at("cost_factor"), 1.0, FACTOR)?,
            error_factor: self.param_or(
                d.error_factor.as_ref(),
                &at("error_factor"),
                1.0,
                FACTOR,
            )?,
            fallback,
        })
    }

    /// `cost_per_event`: a number or distribution, or a token table.
    fn direct_cost(&mut self, v: &Num, path: &str) -> Result<DirectCost> {
        if !v
            .get_ref()
            .as_table()
            .is_some_and(|t| t.contains_key("tokens_in"))
        {
            return Ok(DirectCost::PerEvent(self.param(v, path, COST)?));
        }
        let unlabelled = self.unlabelled(v, path)?;
        let table = unlabelled
            .as_ref()
            .unwrap_or(v.get_ref())
            .as_table()
            .expect("a token-priced cost is a table");
        const KEYS: [&str; 4] = ["tokens_in", "tokens_out", "price_in", "price_out"];
        if let Some(key) = table.keys().find(|k| !KEYS.contains(&k.as_str())) {
            return Err(self.error(
                Some(v.span()),
                &format!("{path}.{key}"),
                format!(
                    "unknown field `{key}`; a token-priced cost has {}",
                    KEYS.join(", ")
                ),
            ));
        }
        let mut part = |key: &str| -> Result<Param> {
            let value = table.get(key).ok_or_else(|| {
                self.error(
                    Some(v.span()),
                    &format!("{path}.{key}"),
                    format!("missing; a token-priced cost needs {}", KEYS.join(", ")),
                )
            })?;
            let spanned = Spanned::new(v.span(), value.clone());
            self.param(&spanned, &format!("{path}.{key}"), COST)
        };
        Ok(DirectCost::Tokens {
            tokens_in: part("tokens_in")?,
            tokens_out: part("tokens_out")?,
            price_in: part("price_in")?,
            price_out: part("price_out")?,
        })
    }

    fn serving(&mut self, spanned: &Spanned<RawServing>, path: &str) -> Result<Serving> {
        let s = spanned.get_ref();
        self.label(s.label.as_ref(), path)?;
        let hourly = self.param(&s.hourly, &format!("{path}.hourly"), COST)?;
        const FORMS: &str = "instances (a fixed count), capacity_per_instance (events a month \
                             one instance serves) or tokens_per_second (with utilization)";
        let given: Vec<(&Num, &str)> = [
            (&s.instances, "instances"),
            (&s.capacity_per_instance, "capacity_per_instance"),
            (&s.tokens_per_second, "tokens_per_second"),
        ]
        .into_iter()
        .filter_map(|(v, field)| Some((v.as_ref()?, field)))
        .collect();
        let at = |field: &str| format!("{path}.{field}");
        if let [_, (v, field), ..] = given.as_slice() {
            return Err(self.error(
                Some(v.span()),
                &at(field),
                format!("give one of {FORMS}, not several"),
            ));
        }
        let Some(&(v, field)) = given.first() else {
            return Err(self.error(
                Some(spanned.span()),
                path,
                format!("missing the instance count: give {FORMS}"),
            ));
        };
        if field != "tokens_per_second"
            && let Some(u) = &s.utilization
        {
            return Err(self.error(
                Some(u.span()),
                &at("utilization"),
                "utilization goes with tokens_per_second (an instance's throughput)",
            ));
        }
        let min_instances = |b: &mut Self| -> Result<Param> {
            b.param_or(s.min_instances.as_ref(), &at("min_instances"), 1.0, COST)
        };
        let instances = match field {
            "instances" => {
                if let Some(m) = &s.min_instances {
                    return Err(self.error(
                        Some(m.span()),
                        &at("min_instances"),
                        "min_instances goes with capacity_per_instance or tokens_per_second, not \
                         with a fixed instance count",
                    ));
                }
                Instances::Fixed(self.param(v, &at("instances"), COST)?)
            }
            "capacity_per_instance" => Instances::Capacity {
                capacity_per_instance: self.param(v, &at("capacity_per_instance"), CAPACITY)?,
                min_instances: min_instances(self)?,
            },
            _ => {
                let Some(tokens_per_event) = self.tokens_per_event else {
                    return Err(self.error(
                        Some(v.span()),
                        "workload.tokens_per_event",
                        format!(
                            "missing: serving sized by throughput ({}) needs the tokens of one \
                             event, workload.tokens_per_event",
                            at("tokens_per_second")
                        ),
                    ));
                };
                let Some(u) = &s.utilization else {
                    return Err(self.error(
                        Some(v.span()),
                        &at("utilization"),
                        "missing: serving sized by throughput needs utilization, the share of \
                         the time an instance is busy (0.3 to 0.6 is common; 1 only for a \
                         queue that never empties)",
                    ));
                };
                Instances::Throughput {
                    tokens_per_second: self.param(v, &at("tokens_per_second"), THROUGHPUT)?,
                    utilization: self.param(u, &at("utilization"), UTILIZATION)?,
                    min_instances: min_instances(self)?,
                    tokens_per_event,
                }
            }
        };
        Ok(Serving { hourly, instances })
    }

    fn project(&mut self, p: &RawProject, path: &str) -> Result<Project> {
        let at = |field: &str| format!("{path}.{field}");
        self.label(p.label.as_ref(), path)?;
        let mut project = Project {
            build_months: self.param_or(p.build_months.as_ref(), &at("build_months"), 0.0, COST)?,
            success: self.param_or(p.success.as_ref(), &at("success"), 1.0, Domain::PROBABILITY)?,
            contingency: self.param_or(
                p.contingency.as_ref(),
                &at("contingency"),
                0.0,
                CONTINGENCY,
            )?,
            planned_runs: self.param_or(p.planned_runs.as_ref(), &at("planned_runs"), 0.0, COST)?,
            failed_runs: self.param_or(p.failed_runs.as_ref(), &at("failed_runs"), 0.0, COST)?,
            cost_per_run: self.run_cost(p.cost_per_run.as_ref(), &at("cost_per_run"))?,
            items: Vec::new(),
            scale: 1.0,
        };
        for (name, item) in p.items.iter().flatten() {
            let item_path = at(&format!("items.{name}"));
            project.items.push(self.item(name, item, &item_path)?);
        }
        Ok(project)
    }

    fn item(&mut self, name: &str, spanned: &Spanned<RawItem>, path: &str) -> Result<ProjectItem> {
        let i = spanned.get_ref();
        self.label(i.label.as_ref(), path)?;
        let at = |field: &str| format!("{path}.{field}");
        let team = [&i.people, &i.weeks, &i.hourly, &i.hours_per_week];
        let cost = match (&i.cost, &i.hours, &i.rate, team) {
            (Some(c), None, None, [None, None, None, None]) => {
                ItemCost::Amount(self.param(c, &at("cost"), COST)?)
            }
            (None, Some(h), Some(r), [None, None, None, None]) => ItemCost::Hours {
                hours: self.param(h, &at("hours"), COST)?,
                rate: self.param(r, &at("rate"), COST)?,
            },
            (None, None, None, [Some(people), Some(weeks), Some(hourly), per_week]) => {
                ItemCost::Team {
                    people: self.param(people, &at("people"), COST)?,
                    weeks: self.param(weeks, &at("weeks"), COST)?,
                    hours_per_week: self.param_or(
                        per_week.as_ref(),
                        &at("hours_per_week"),
                        40.0,
                        WEEK_HOURS,
                    )?,
                    hourly: self.param(hourly, &at("hourly"), COST)?,
                }
            }
            _ => {
                let fields = [
                    ("cost", &i.cost),
                    ("hours", &i.hours),
                    ("rate", &i.rate),
                    ("people", &i.people),
                    ("weeks", &i.weeks),
                    ("hourly", &i.hourly),
                    ("hours_per_week", &i.hours_per_week),
                ];
                let given: Vec<&str> = fields
                    .iter()
                    .filter_map(|(name, v)| v.as_ref().map(|_| *name))
                    .collect();
                let given = match given.as_slice() {
                    [] => "no cost".to_string(),
                    names => names.join(", "),
                };
                return Err(self.error(
                    Some(spanned.span()),
                    path,
                    format!(
                        "gives {given}: give one of: cost; hours and rate (hours × rate); \
                         people, weeks and hourly (people × weeks × hours_per_week × hourly, \
                         hours_per_week defaulting to 40), for a project item"
                    ),
                ));
            }
        };
        Ok(ProjectItem {
            name: name.to_string(),
            cost,
            overrun: self.param_or(i.overrun.as_ref(), &format!("{path}.overrun"), 1.0, COST)?,
        })
    }

    /// The cost of one training run: an amount (0 when left out), `{ gpu_hours, hourly }`, or
    /// `{ tokens, tokens_per_second, gpus, hourly, overhead }`.
    fn run_cost(&mut self, v: Option<&Num>, path: &str) -> Result<RunCost> {
        let Some(v) = v else {
            return Ok(RunCost::Amount(self.inputs.add_default(path, 0.0)));
        };
        let table = match v.get_ref().as_table() {
            Some(t) if t.contains_key("gpu_hours") || t.contains_key("tokens") => t,
            _ => return Ok(RunCost::Amount(self.param(v, path, COST)?)),
        };
        let (form, keys): (&str, &[&str]) = if table.contains_key("gpu_hours") {
            ("GPU-hours", &["gpu_hours", "hourly"])
        } else {
            (
                "tokens",
                &["tokens", "tokens_per_second", "gpus", "hourly", "overhead"],
            )
        };
        if let Some(key) = table
            .keys()
            .find(|k| !keys.contains(&k.as_str()) && *k != "label")
        {
            return Err(self.error(
                Some(v.span()),
                &format!("{path}.{key}"),
                format!(
                    "unknown field `{key}`; a training run's cost from {form} has {} (and label)",
                    keys.join(", ")
                ),
            ));
        }
        self.unlabelled(v, path)?;
        let mut part = |key: &str, default: Option<f64>, domain: Domain| -> Result<Param> {
            let at = format!("{path}.{key}");
            match (table.get(key), default) {
                (Some(value), _) => {
                    let spanned = Spanned::new(v.span(), value.clone());
                    self.param(&spanned, &at, domain)
                }
                (None, Some(default)) => {
                    self.domains.insert(at.clone(), domain);
                    Ok(self.inputs.add_default(at, default))
                }
                (None, None) => Err(self.error(
                    Some(v.span()),
                    &at,
                    format!(
                        "missing; a training run's cost from {form} needs {}",
                        keys.join(", ")
                    ),
                )),
            }
        };
        Ok(if form == "GPU-hours" {
            RunCost::GpuHours {
                gpu_hours: part("gpu_hours", None, COST)?,
                hourly: part("hourly", None, COST)?,
            }
        } else {
            RunCost::Tokens {
                tokens: part("tokens", None, COST)?,
                tokens_per_second: part("tokens_per_second", None, THROUGHPUT)?,
                gpus: part("gpus", Some(1.0), GPUS)?,
                hourly: part("hourly", None, COST)?,
                overhead: part("overhead", Some(DEFAULT_OVERHEAD), OVERHEAD)?,
            }
        })
    }

    /// `[[correlation]]` sections: two uncertain inputs by path and a rank correlation each,
    /// drawn together through a Gaussian copula.
    fn correlations(&mut self, raw: &[RawCorrelation]) -> Result<()> {
        let mut pairs: Vec<RankCorrelation> = Vec::new();
        for c in raw {
            let span = Some(c.between.span());
            let [a, b] = c.between.get_ref().as_slice() else {
                return Err(self.error(
                    span,
                    "correlation.between",
                    format!(
                        "names {} inputs; give exactly two dotted paths",
                        c.between.get_ref().len()
                    ),
                ));
            };
            let find = |path: &str| -> Result<Param> {
                let found = self.inputs.iter().position(|i| i.path == path);
                let Some(k) = found else {
                    return Err(self.error(
                        span.clone(),
                        "correlation.between",
                        format!("`{path}` is not an input of this scenario; give the dotted path of a number the file writes"),
                    ));
                };
                if !self.variant && self.inputs.get(Param(k)).dist.as_constant().is_some() {
                    return Err(self.error(
                        span.clone(),
                        "correlation.between",
                        format!("`{path}` is a constant; only uncertain inputs can be correlated"),
                    ));
                }
                Ok(Param(k))
            };
            let (a, b) = (find(a)?, find(b)?);
            if a == b
                || pairs
                    .iter()
                    .any(|p| (p.a, p.b) == (a, b) || (p.a, p.b) == (b, a))
            {
                return Err(self.error(
                    span,
                    "correlation.between",
                    "names an input with itself, or a pair already correlated; give each pair once",
                ));
            }
            let rank = self.dist(
                &c.rank,
                "correlation.rank",
                Domain::closed(-1.0, 1.0, "a rank correlation in [-1, 1]"),
            )?;
            let Some(rank) = rank.as_constant() else {
                return Err(self.error(
                    Some(c.rank.span()),
                    "correlation.rank",
                    "must be a plain number in [-1, 1], not a distribution",
                ));
            };
            pairs.push(RankCorrelation { a, b, rank });
        }
        if pairs.is_empty() {
            return Ok(());
        }
        let span = raw.first().map(|c| c.between.span());
        self.inputs
            .correlate(&pairs, self.known)
            .map_err(|message| self.error(span, "correlation", message))
    }

    /// Records the label `label` of the table at `path`: one line of text, 1 to
    /// [`MAX_LABEL`] characters.
    fn label(&mut self, label: Option<&Spanned<String>>, path: &str) -> Result<()> {
        let Some(label) = label else { return Ok(()) };
        let text = label.get_ref().trim();
        let chars = text.chars().count();
        if chars == 0 || chars > MAX_LABEL || text.contains(['\n', '\r']) {
            return Err(self.error(
                Some(label.span()),
                &format!("{path}.label"),
                format!(
                    "{:?} is not allowed: a label is one line of 1 to {MAX_LABEL} characters",
                    label.get_ref()
                ),
            ));
        }
        self.labels.insert(path, text);
        Ok(())
    }

    /// The value `v` without the label a distribution table may carry (recorded for `path`).
    fn unlabelled(&mut self, v: &Num, path: &str) -> Result<Option<toml::Value>> {
        let Some(table) = v.get_ref().as_table().filter(|t| t.contains_key("label")) else {
            return Ok(None);
        };
        let mut table = table.clone();
        let label = match table.remove("label") {
            Some(toml::Value::String(text)) => Spanned::new(v.span(), text),
            Some(other) => {
                return Err(self.error(
                    Some(v.span()),
                    &format!("{path}.label"),
                    format!("{other} is not allowed: a label is text in quotes"),
                ));
            }
            None => unreachable!("the table has a label"),
        };
        self.label(Some(&label), path)?;
        Ok(Some(toml::Value::Table(table)))
    }

    /// Parses a numeric input's distribution and checks it against `domain`.
    fn dist(&mut self, v: &Num, path: &str, domain: Domain) -> Result<Dist> {
        self.domains.insert(path.to_string(), domain);
        let unlabelled = self.unlabelled(v, path)?;
        let dist = distribution::from_toml(unlabelled.as_ref().unwrap_or(v.get_ref()))
            .map_err(|e| self.error(Some(v.span()), path, e.message))?;
        domain
            .check(&dist)
            .map_err(|message| self.error(Some(v.span()), path, message))?;
        Ok(dist)
    }

    /// Registers a numeric input.
    fn param(&mut self, v: &Num, path: &str, domain: Domain) -> Result<Param> {
        let dist = self.dist(v, path, domain)?;
        Ok(self.inputs.add(path, dist))
    }

    /// Registers a numeric input that may be left out, with its default.
    fn param_or(
        &mut self,
        v: Option<&Num>,
        path: &str,
        default: f64,
        domain: Domain,
    ) -> Result<Param> {
        self.domains.insert(path.to_string(), domain);
        match v {
            Some(v) => self.param(v, path, domain),
            None => Ok(self.inputs.add_default(path, default)),
        }
    }

    /// A run setting: a plain number, not a distribution.
    fn setting(
        &mut self,
        v: Option<&Num>,
        path: &str,
        default: f64,
        domain: Domain,
    ) -> Result<f64> {
        self.domains.insert(path.to_string(), domain);
        let Some(v) = v else { return Ok(default) };
        let dist = self.dist(v, path, domain)?;
        dist.as_constant().ok_or_else(|| {
            self.error(
                Some(v.span()),
                path,
                format!(
                    "must be a plain number, not the distribution {}",
                    dist.describe()
                ),
            )
        })
    }

    /// A whole-number run setting in `[lo, hi]`.
    fn integer(&mut self, v: &Num, path: &str, lo: u64, hi: u64) -> Result<u64> {
        self.domains
            .insert(path.to_string(), Domain::whole(lo as f64, hi as f64));
        // A count may be written as people write it (`"1M"` trials).
        let written = match v.get_ref() {
            toml::Value::String(text) => distribution::parse_number(text, text).ok(),
            _ => None,
        };
        let x = match (v.get_ref(), written) {
            (toml::Value::Integer(i), _) => *i as f64,
            (toml::Value::Float(f), _) if f.fract() == 0.0 => *f,
            (_, Some(x)) if x.fract() == 0.0 => x,
            (other, _) => {
                return Err(self.error(
                    Some(v.span()),
                    path,
                    format!(
                        "{other} is not allowed: must be a whole number in [{}, {}]",
                        count(lo),
                        count(hi)
                    ),
                ));
            }
        };
        if x < lo as f64 || x > hi as f64 {
            return Err(self.error(
                Some(v.span()),
                path,
                format!(
                    "{} is out of range: must be a whole number in [{}, {}]",
                    group(&fmt_num(x)),
                    count(lo),
                    count(hi)
                ),
            ));
        }
        Ok(x as u64)
    }

    /// An error at `span` (a byte range of the file) about `field`.
    pub fn error(
        &self,
        span: Option<Range<usize>>,
        field: &str,
        message: impl Into<String>,
    ) -> InputError {
        InputError::new(
            self.file,
            span.map(|s| line_of(self.src, s.start)),
            field,
            message,
        )
    }
}

/// 1-based line number of byte offset `at` in `src`.
pub fn line_of(src: &str, at: usize) -> usize {
    src.as_bytes()[..at.min(src.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
