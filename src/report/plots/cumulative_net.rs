//! One candidate's cumulative net cash against the baseline over the horizon: the P10–P90 band,
//! the median, and zero marked.

use super::*;

pub fn draw<DB: DrawingBackend>(
    s: &Summary,
    i: usize,
    root: &DrawingArea<DB, Shift>,
) -> Result<(), String> {
    let c = &s.candidates[i];
    let h = f64::from(s.horizon_months);
    let lo = c.cumulative_net.iter().map(|b| b.p10).fold(0.0, f64::min);
    let hi = c.cumulative_net.iter().map(|b| b.p90).fold(0.0, f64::max);
    let mut chart = ChartBuilder::on(root)
        .caption(
            format!(
                "Cumulative net cash of {} against {}: median and P10–P90",
                Names::of(s).option(&c.name),
                Names::of(s).option(&c.baseline)
            ),
            (FONT, TITLE_SIZE),
        )
        .margin(24)
        .x_label_area_size(70)
        .y_label_area_size(110)
        .build_cartesian_2d(0f64..h, padded(lo, hi))
        .map_err(|e| e.to_string())?;
    let (y_format, y_labels) = money_ticks(&padded(lo, hi));
    configure_mesh(
        &mut chart,
        "Months from the decision",
        &format!("Cumulative net ({})", s.currency),
        (&y_format, y_labels),
    )?;
    let band: Vec<(f64, f64)> = c
        .cumulative_net
        .iter()
        .map(|b| (f64::from(b.month), b.p90))
        .chain(
            c.cumulative_net
                .iter()
                .rev()
                .map(|b| (f64::from(b.month), b.p10)),
        )
        .collect();
    chart
        .draw_series([Polygon::new(band, colour(i).mix(0.25).filled())])
        .map_err(|e| e.to_string())?
        .label("P10–P90: 8 trials in 10 fall inside")
        .legend(move |(x, y)| {
            Rectangle::new([(x, y - 8), (x + 30, y + 8)], colour(i).mix(0.25).filled())
        });
    let median = ShapeStyle {
        color: colour(i).to_rgba(),
        filled: false,
        stroke_width: LINE_WIDTH,
    };
    chart
        .draw_series(LineSeries::new(
            c.cumulative_net.iter().map(|b| (f64::from(b.month), b.p50)),
            median,
        ))
        .map_err(|e| e.to_string())?
        .label("median")
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 30, y)], median));
    let zero = BLACK.stroke_width(2);
    chart
        .draw_series(DashedLineSeries::new([(0.0, 0.0), (h, 0.0)], 10, 6, zero))
        .map_err(|e| e.to_string())?
        .label("zero: paid back above this line")
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 30, y)], zero));
    draw_legend(&mut chart, SeriesLabelPosition::UpperLeft)
}
