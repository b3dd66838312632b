//! The charts of a report, drawn with plotters from the [`Summary`] alone, each rendered in
//! memory as SVG and as PNG (1280×720, readable on a slide). Style lives in named constants;
//! colours differ in lightness and lines in dash pattern, so the charts survive greyscale
//! printing. PNG text uses the DejaVu Sans font shipped in `assets/fonts/`.

mod cumulative_net;
mod deprecation_stress;
mod npv;
mod panels;
mod payback_curve;
mod payback_histogram;
mod stress_curves;
mod sweep;
mod tornado;
mod upfront;

use crate::report::factors::Names;
use crate::results::summary::Summary;
use crate::results::sweep::Sweep;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use std::sync::Once;

/// Size of every chart, in pixels.
pub const SIZE: (u32, u32) = (1280, 720);
/// Font family of every text.
const FONT: &str = "sans-serif";
/// Title, axis-label and tick-label sizes.
const TITLE_SIZE: u32 = 34;
const LABEL_SIZE: u32 = 24;
const TICK_SIZE: u32 = 20;
/// Series colours, from dark to light so that they stay apart in greyscale.
const PALETTE: [RGBColor; 6] = [
    RGBColor(0, 45, 110),
    RGBColor(213, 94, 0),
    RGBColor(0, 140, 100),
    RGBColor(120, 120, 120),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
];
/// Dash and gap lengths of series lines after the first (solid) one, in turn.
const DASHES: [(u32, u32); 2] = [(14, 7), (4, 6)];
/// Line width of series.
const LINE_WIDTH: u32 = 3;

/// The colour of series `i`.
fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

static FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static REGISTER_FONT: Once = Once::new();

/// One chart of a report.
#[derive(Debug, Clone, Copy)]
enum Chart {
    /// P(paid back by month m), every candidate.
    PaybackCurve,
    /// The NPV distribution at the horizon, every candidate.
    Npv,
    /// Candidate i's payback histogram with its "never" bar.
    PaybackHistogram(usize),
    /// Candidate i's cumulative net cash: P10–P90 band and median.
    CumulativeNet(usize),
    /// Candidate i's investment by part (only for candidates with a project).
    Upfront(usize),
    /// Candidate i's payback curve in the base case and every stress case.
    Stress(usize),
    /// P(never) and median payback against the month of the vendor's deprecation.
    DeprecationStress,
    /// Candidate i's tornado: mean NPV in the lowest and highest tenth of its largest factors.
    Tornado(usize),
}

impl Chart {
    /// File stem, e.g. `payback-curve` or `cumulative-net-fine_tuned`.
    fn name(self, summary: &Summary) -> String {
        match self {
            Chart::PaybackCurve => "payback-curve".into(),
            Chart::Npv => "npv".into(),
            Chart::PaybackHistogram(i) => {
                format!("payback-histogram-{}", slug(&summary.candidates[i].name))
            }
            Chart::CumulativeNet(i) => {
                format!("cumulative-net-{}", slug(&summary.candidates[i].name))
            }
            Chart::Upfront(i) => format!("upfront-{}", slug(&summary.candidates[i].name)),
            Chart::Stress(i) => format!("stress-{}", slug(&summary.candidates[i].name)),
            Chart::DeprecationStress => "deprecation-stress".into(),
            Chart::Tornado(i) => format!("tornado-{}", slug(&summary.candidates[i].name)),
        }
    }

    fn draw<DB: DrawingBackend>(
        self,
        summary: &Summary,
        root: &DrawingArea<DB, Shift>,
    ) -> Result<(), String> {
        match self {
            Chart::PaybackCurve => payback_curve::draw(summary, root),
            Chart::Npv => npv::draw(summary, root),
            Chart::PaybackHistogram(i) => payback_histogram::draw(summary, i, root),
            Chart::CumulativeNet(i) => cumulative_net::draw(summary, i, root),
            Chart::Upfront(i) => upfront::draw(summary, i, root),
            Chart::Stress(i) => stress_curves::draw(summary, i, root),
            Chart::DeprecationStress => deprecation_stress::draw(summary, root),
            Chart::Tornado(i) => tornado::draw(summary, i, root),
        }
    }
}

/// Every chart of `summary` as files: `(name.svg, bytes)` and `(name.png, bytes)`.
pub fn render(summary: &Summary) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut charts = vec![Chart::PaybackCurve, Chart::Npv];
    for (i, c) in summary.candidates.iter().enumerate() {
        charts.extend([Chart::PaybackHistogram(i), Chart::CumulativeNet(i)]);
        if !c.upfront_items.is_empty() {
            charts.push(Chart::Upfront(i));
        }
        if !summary.stress.is_empty() {
            charts.push(Chart::Stress(i));
        }
        if has_tornado(summary, i) {
            charts.push(Chart::Tornado(i));
        }
    }
    if summary.deprecation_stress.is_some() {
        charts.push(Chart::DeprecationStress);
    }
    let mut files = Vec::new();
    for chart in charts {
        files.extend(chart_files(&(chart, summary))?);
    }
    Ok(files)
}

/// The charts the live page of `payback serve` shows of `summary`, as SVG by file stem: the
/// payback curve, the NPV distribution, each candidate's tornado, and the deprecation pack's
/// chart when it ran.
pub fn live_svgs(summary: &Summary) -> Result<Vec<(String, String)>, String> {
    let mut charts = vec![Chart::PaybackCurve, Chart::Npv];
    charts.extend(
        (0..summary.candidates.len())
            .filter(|&i| has_tornado(summary, i))
            .map(Chart::Tornado),
    );
    if summary.deprecation_stress.is_some() {
        charts.push(Chart::DeprecationStress);
    }
    charts
        .into_iter()
        .map(|chart| {
            let drawing = (chart, summary);
            Ok((drawing.name(), svg_of(&drawing)?))
        })
        .collect()
}

/// Whether candidate `i` has a tornado: factors its sensitivity ranks.
fn has_tornado(summary: &Summary, i: usize) -> bool {
    summary
        .sensitivity
        .get(i)
        .is_some_and(|c| !c.factors.is_empty())
}

/// The chart of a sweep as files: `sweep.svg` and `sweep.png`.
pub fn render_sweep(result: &Sweep) -> Result<Vec<(String, Vec<u8>)>, String> {
    chart_files(result)
}

/// What one chart file shows, drawable on any backend.
trait Drawing {
    /// The file stem.
    fn name(&self) -> String;
    /// Draws the chart on a white `root`.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String>;
}

impl Drawing for (Chart, &Summary) {
    fn name(&self) -> String {
        self.0.name(self.1)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        self.0.draw(self.1, root)
    }
}

impl Drawing for Sweep {
    fn name(&self) -> String {
        "sweep".into()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        sweep::draw(self, root)
    }
}

/// One chart as SVG.
fn svg_of(chart: &impl Drawing) -> Result<String, String> {
    REGISTER_FONT.call_once(|| {
        // The font is a fixed, valid asset: registration cannot fail.
        let _ = plotters::style::register_font(FONT, FontStyle::Normal, FONT_BYTES);
    });
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        chart.draw(&root)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// One chart as files: `(name.svg, bytes)` and `(name.png, bytes)`.
fn chart_files(chart: &impl Drawing) -> Result<Vec<(String, Vec<u8>)>, String> {
    let svg = svg_of(chart)?;
    let mut rgb = vec![0u8; (SIZE.0 * SIZE.1 * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        chart.draw(&root)?;
        root.present().map_err(|e| e.to_string())?;
    }
    let name = chart.name();
    Ok(vec![
        (format!("{name}.svg"), svg.into_bytes()),
        (format!("{name}.png"), encode_png(&rgb)?),
    ])
}

/// A name safe in a file name: letters, digits, `-` and `_`; anything else becomes `_`.
pub fn slug(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn encode_png(rgb: &[u8]) -> Result<Vec<u8>, String> {
    use image::ImageEncoder;
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(rgb, SIZE.0, SIZE.1, image::ExtendedColorType::Rgb8)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// The line style of series `i`.
fn line_style(i: usize) -> ShapeStyle {
    ShapeStyle {
        color: colour(i).to_rgba(),
        filled: false,
        stroke_width: LINE_WIDTH,
    }
}

/// Draws series `i` as a line (solid, dashed or dotted by `i`, so that series stay apart in
/// greyscale) with a legend entry.
fn draw_line<'a, DB: DrawingBackend + 'a>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    i: usize,
    points: Vec<(f64, f64)>,
    label: String,
) -> Result<(), String> {
    let style = line_style(i);
    let legend = move |(x, y): (i32, i32)| PathElement::new(vec![(x, y), (x + 30, y)], style);
    // Colours cycle every 6 series, dash patterns every 3: shifting the pattern once per round
    // of colours keeps the first 18 series apart.
    let series = match (i / PALETTE.len() + i) % (DASHES.len() + 1) {
        0 => chart.draw_series(LineSeries::new(points, style)),
        k => {
            let (dash, gap) = DASHES[k - 1];
            chart.draw_series(DashedLineSeries::new(points, dash, gap, style))
        }
    };
    series
        .map_err(|e| e.to_string())?
        .label(label)
        .legend(legend);
    Ok(())
}

/// The legend box with the shared style, at `position`.
fn draw_legend<'a, DB: DrawingBackend + 'a>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    position: SeriesLabelPosition,
) -> Result<(), String> {
    chart
        .configure_series_labels()
        .position(position)
        .label_font((FONT, LABEL_SIZE))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()
        .map_err(|e| e.to_string())
}

/// The axes of a payback curve: months 0..`horizon` against P(paid back by then), titled.
fn payback_axes<'a, DB: DrawingBackend + 'a>(
    root: &'a DrawingArea<DB, Shift>,
    title: &str,
    horizon: f64,
) -> Result<ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>, String> {
    let mut chart = ChartBuilder::on(root)
        .caption(title, (FONT, TITLE_SIZE))
        .margin(24)
        .x_label_area_size(70)
        .y_label_area_size(100)
        .build_cartesian_2d(0f64..horizon, 0f64..1.05f64)
        .map_err(|e| e.to_string())?;
    configure_mesh(
        &mut chart,
        "Months from the decision",
        "P(paid back by then)",
        (&|y| format!("{:.0} %", y * 100.0), 11),
    )?;
    Ok(chart)
}

/// How an axis spanning `span` is ticked: decimals for every tick (none from 5 up, one from
/// 0.5, two below) and at most as many ticks as keep them a visible step apart in those
/// decimals (so that no two ticks read the same), 10 at most.
fn tick_plan(span: f64) -> (usize, usize) {
    let decimals = if span >= 5.0 {
        0
    } else if span >= 0.5 {
        1
    } else {
        2
    };
    let steps = (span * 10f64.powi(decimals as i32)).floor();
    (decimals, steps.clamp(2.0, 10.0) as usize)
}

/// A y axis's tick formatter and its number of ticks.
type YTicks<'f, V> = (&'f dyn Fn(&V) -> String, usize);

/// Labelled axes with the shared style. The x ticks share one format, from [`tick_plan`].
fn configure_mesh<DB: DrawingBackend, Y>(
    chart: &mut ChartContext<DB, Cartesian2d<RangedCoordf64, Y>>,
    x_desc: &str,
    y_desc: &str,
    (y_format, y_labels): YTicks<Y::ValueType>,
) -> Result<(), String>
where
    Y: plotters::coord::ranged1d::Ranged + plotters::coord::ranged1d::ValueFormatter<Y::ValueType>,
{
    let range = chart.x_range();
    let (decimals, labels) = tick_plan(range.end - range.start);
    let x_format = move |x: &f64| crate::numbers::group(&format!("{x:.decimals$}"));
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc(y_desc)
        .axis_desc_style((FONT, LABEL_SIZE))
        .label_style((FONT, TICK_SIZE))
        .x_labels(labels)
        .x_label_formatter(&x_format)
        .y_labels(y_labels)
        .y_label_formatter(y_format)
        .light_line_style(RGBColor(235, 235, 235))
        .draw()
        .map_err(|e| e.to_string())
}

/// A money amount in a chart's text: `-1.2M`, `350k`, `900`.
fn short_money(x: f64) -> String {
    let a = x.abs();
    if a >= 1e9 {
        format!("{:.1}B", x / 1e9)
    } else if a >= 1e6 {
        format!("{:.1}M", x / 1e6)
    } else if a >= 1e3 {
        format!("{:.0}k", x / 1e3)
    } else {
        format!("{x:.0}")
    }
}

/// The ticks of a money axis over `range`: one unit (B, M, k or none) for every tick, from
/// the largest magnitude, decimals and a tick count from [`tick_plan`] on the span in that
/// unit; returns the formatter and the tick count.
fn money_ticks(range: &std::ops::Range<f64>) -> (impl Fn(&f64) -> String + use<>, usize) {
    let largest = range.start.abs().max(range.end.abs());
    let (unit, suffix) = if largest >= 1e9 {
        (1e9, "B")
    } else if largest >= 1e6 {
        (1e6, "M")
    } else if largest >= 1e3 {
        (1e3, "k")
    } else {
        (1.0, "")
    };
    let (decimals, labels) = tick_plan((range.end - range.start) / unit);
    let format = move |x: &f64| {
        let v = x / unit;
        // Zero is "0", without a unit or a sign.
        if v.abs() < 0.5 * 10f64.powi(-(decimals as i32)) {
            return "0".to_string();
        }
        format!("{v:.decimals$}{suffix}")
    };
    (format, labels)
}

/// A range with a 5 % margin on each side (and some width when `lo == hi`).
fn padded(lo: f64, hi: f64) -> std::ops::Range<f64> {
    let span = (hi - lo).abs().max(hi.abs().max(lo.abs()) * 0.1).max(1.0);
    (lo - 0.05 * span)..(hi + 0.05 * span)
}
