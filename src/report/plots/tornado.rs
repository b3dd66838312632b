//! One candidate's tornado: for its largest factors, the mean NPV of the trials where the factor
//! fell in its lowest and in its highest tenth, as bars from the candidate's overall mean NPV.

use super::*;

use crate::results::sensitivity::FactorEffect;
use crate::scenario::FactorKind;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Factors shown, largest swing first.
const ROWS: usize = 10;
/// Fewest rows the plot has room for.
const MIN_ROWS: f64 = 5.0;
/// Longest factor label, in characters, before it is cut in the middle.
const MAX_LABEL: usize = 48;
/// Height of a line of the note and legend under the title, in pixels.
const LINE: i32 = 30;
/// Width of a legend key, in pixels.
const SWATCH: i32 = 28;
/// Half-height of a bar, in rows; the low bar sits above the row's centre, the high one below.
const BAR: f64 = 0.34;
/// Gap between the two bars of a row, in rows.
const GAP: f64 = 0.03;

/// Draws the tornado of candidate `i` on `root`.
pub(super) fn draw<DB: DrawingBackend>(
    s: &Summary,
    i: usize,
    root: &DrawingArea<DB, Shift>,
) -> Result<(), String> {
    let sens = &s.sensitivity[i];
    let factors = &sens.factors[..sens.factors.len().min(ROWS)];
    let mean = sens.mean_npv;
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let area = root
        .margin(24, 24, 24, 24)
        .titled(
            &format!(
                "What moves the NPV of {}",
                Names::of(s).option(&sens.candidate)
            ),
            (FONT, TITLE_SIZE),
        )
        .map_err(err)?;
    let lines = head_lines(factors);
    let (head, body) = area.split_vertically((lines.len() as i32 + 1) * LINE + 8);
    let mean_entry = format!(
        "mean NPV of all trials, {} {}",
        short_money(mean),
        s.currency
    );
    draw_head(&head, &lines, mean_entry)?;

    let labels: Vec<String> = factors.iter().map(|f| label(f, Names::of(s))).collect();
    let tick: TextStyle = (FONT, TICK_SIZE).into();
    let label_width = labels
        .iter()
        .map(|l| root.estimate_text_size(l, &tick).map(|(w, _)| w))
        .try_fold(0, |w, l| l.map(|l| w.max(l)))
        .map_err(err)?;
    let (lo, hi) = factors
        .iter()
        .flat_map(|f| [f.low.mean_npv, f.high.mean_npv])
        .fold((mean, mean), |(lo, hi), v| (lo.min(v), hi.max(v)));
    // Room for at least MIN_ROWS rows, so that a few factors do not get huge bars.
    let n = factors.len() as f64;
    let places = n.max(MIN_ROWS);
    let mut chart = ChartBuilder::on(&body)
        .x_label_area_size(70)
        .y_label_area_size(label_width + 24)
        .build_cartesian_2d(padded(lo, hi), -0.5f64..places - 0.5)
        .map_err(|e| e.to_string())?;
    let (x_format, x_labels) = money_ticks(&padded(lo, hi));
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_desc(format!("Mean NPV of those trials ({})", s.currency))
        .axis_desc_style((FONT, LABEL_SIZE))
        .label_style((FONT, TICK_SIZE))
        .x_labels(x_labels)
        .x_label_formatter(&x_format)
        .light_line_style(RGBColor(235, 235, 235))
        .draw()
        .map_err(|e| e.to_string())?;

    // Row k from the top is centred on y = places − 1 − k, the rows centred among the places.
    let centre = |k: usize| places - 1.0 - k as f64 - ((places - n) / 2.0).floor();
    let bar = |x: f64, y0: f64, y1: f64, c: usize| {
        Rectangle::new([(mean.min(x), y0), (mean.max(x), y1)], colour(c).filled())
    };
    chart
        .draw_series(factors.iter().enumerate().flat_map(|(k, f)| {
            let y = centre(k);
            [
                bar(f.low.mean_npv, y + GAP / 2.0, y + BAR, 0),
                bar(f.high.mean_npv, y - BAR, y - GAP / 2.0, 1),
            ]
        }))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(LineSeries::new(
            [(mean, -0.5), (mean, places - 0.5)],
            BLACK.stroke_width(2),
        ))
        .map_err(|e| e.to_string())?;

    // A yes/no factor's bars say which outcome each is: inside the bar's outer end where it
    // fits, else just beyond it.
    let word_style: TextStyle = (FONT, TICK_SIZE).into();
    for (k, f) in factors.iter().enumerate() {
        if f.kind != FactorKind::Success {
            continue;
        }
        let y = centre(k);
        for (word, x, row) in [
            ("succeeds", f.low.mean_npv, y + (GAP / 2.0 + BAR) / 2.0),
            ("fails", f.high.mean_npv, y - (GAP / 2.0 + BAR) / 2.0),
        ] {
            let (end, mid) = chart.backend_coord(&(x, row));
            let (start, _) = chart.backend_coord(&(mean, row));
            let (w, _) = root.estimate_text_size(word, &word_style).map_err(err)?;
            let inside = (end - start).abs() > w as i32 + 16;
            // Inside a bar the word ends 8 px short of the bar's end; outside, 8 px past it.
            let (at, pos) = if (end < start) == inside {
                (end + 8, HPos::Left)
            } else {
                (end - 8, HPos::Right)
            };
            let colour = if inside { WHITE } else { BLACK };
            let style = word_style.color(&colour).pos(Pos::new(pos, VPos::Center));
            let (x0, y0) = (
                root.get_pixel_range().0.start,
                root.get_pixel_range().1.start,
            );
            root.draw_text(word, &style, (at - x0, mid - y0))
                .map_err(err)?;
        }
    }

    // The factor names, right-aligned left of the plot, each at its row's centre.
    let (x_range, y_range) = root.get_pixel_range();
    let left = chart.plotting_area().get_pixel_range().0.start;
    let style = tick.pos(Pos::new(HPos::Right, VPos::Center));
    for (k, text) in labels.iter().enumerate() {
        let y = chart.backend_coord(&(mean, centre(k))).1;
        root.draw_text(text, &style, (left - 12 - x_range.start, y - y_range.start))
            .map_err(err)?;
    }
    Ok(())
}

/// The note under the title: what the bars show, and what the lowest tenth of an event is for
/// the kinds of event shown.
fn head_lines(factors: &[FactorEffect]) -> Vec<&'static str> {
    let shown = |kind| factors.iter().any(|f| f.kind == kind);
    let events = match (shown(FactorKind::Success), shown(FactorKind::Deprecation)) {
        (true, true) => Some(
            "For a project's success the bars are where it succeeds and where it fails; for a deprecation the lowest tenth comes earliest.",
        ),
        (true, false) => Some(
            "For a project's success the bars are the trials where it succeeds and where it fails.",
        ),
        (false, true) => Some("For a deprecation, the lowest tenth is where it comes earliest."),
        (false, false) => None,
    };
    let mut lines =
        vec!["Bars: mean NPV of the trials where the factor is in its lowest or highest tenth."];
    lines.extend(events);
    lines
}

/// Draws the note lines and the legend (low bar, high bar, mean line) centred in `head`.
fn draw_head<DB: DrawingBackend>(
    head: &DrawingArea<DB, Shift>,
    lines: &[&str],
    mean: String,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let font: TextStyle = (FONT, TICK_SIZE).into();
    let style = font.pos(Pos::new(HPos::Left, VPos::Center));
    let width = |t: &str| head.estimate_text_size(t, &font).map(|(w, _)| w as i32);
    let (head_width, _) = head.dim_in_pixel();
    let centred = |w: i32| (head_width as i32 - w).max(0) / 2;
    let mut y = LINE / 2;
    let centre = font.pos(Pos::new(HPos::Center, VPos::Center));
    for line in lines {
        head.draw_text(line, &centre, (head_width as i32 / 2, y))
            .map_err(err)?;
        y += LINE;
    }
    let entries = [
        "lowest tenth of the factor".to_string(),
        "highest tenth of the factor".to_string(),
        mean,
    ];
    let widths: Vec<i32> = entries
        .iter()
        .map(|e| width(e))
        .collect::<Result<_, _>>()
        .map_err(err)?;
    let total = widths.iter().sum::<i32>() + 3 * (SWATCH + 10) + 2 * 40;
    let mut x = centred(total);
    for (k, (entry, w)) in entries.iter().zip(widths).enumerate() {
        let key = if k < 2 {
            Rectangle::new([(x, y - 9), (x + SWATCH, y + 9)], colour(k).filled()).into_dyn()
        } else {
            let mid = x + SWATCH / 2;
            PathElement::new(vec![(mid, y - 12), (mid, y + 12)], BLACK.stroke_width(2)).into_dyn()
        };
        head.draw(&key).map_err(err)?;
        x += SWATCH + 10;
        head.draw_text(entry, &style, (x, y)).map_err(err)?;
        x += w + 40;
    }
    Ok(())
}

/// A factor's name for a reader, in words, cut in the middle when longer than [`MAX_LABEL`].
fn label(f: &FactorEffect, names: Names) -> String {
    let name = names.input(&f.path, f.kind);
    let chars: Vec<char> = name.chars().collect();
    if chars.len() <= MAX_LABEL {
        return name;
    }
    let head = (MAX_LABEL - 1) / 3;
    let tail = MAX_LABEL - 1 - head;
    let mut cut: String = chars[..head].iter().collect();
    cut.push('…');
    cut.extend(&chars[chars.len() - tail..]);
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::sensitivity::Decile;
    use crate::scenario::Labels;

    fn factor(path: &str, kind: FactorKind) -> FactorEffect {
        let decile = Decile {
            edge: None,
            trials: 1,
            mean_npv: 0.0,
            p_never: 0.0,
            p50_payback_months: None,
        };
        FactorEffect {
            path: path.into(),
            kind,
            low: decile.clone(),
            high: decile,
            npv_swing: 0.0,
            npv_swing_stderr: 0.0,
            p_never_swing: 0.0,
            p50_payback_swing: None,
            npv_variance_share: 0.0,
        }
    }

    #[test]
    fn long_labels_are_cut_in_the_middle() {
        let long = factor(
            "options.a_rather_long_option_name.project.items.data_preparation.overrun",
            FactorKind::Input,
        );
        let cut = label(&long, Names(&Labels::default()));
        assert_eq!(cut.chars().count(), MAX_LABEL);
        assert!(cut.starts_with("a rather long o…"), "{cut}");
        assert!(cut.ends_with(": data preparation overrun"), "{cut}");
    }
}
