//! The distribution of NPV at the horizon for every candidate (the share of trials at or below
//! each value), with zero marked and each curve's P(NPV < 0) on it and in the legend.

use super::*;

pub fn draw<DB: DrawingBackend>(s: &Summary, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
    let values = s
        .candidates
        .iter()
        .flat_map(|c| c.npv.percentiles.iter().map(|p| p[1]));
    let (lo, hi) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let mut chart = ChartBuilder::on(root)
        .caption(
            format!(
                "NPV at {} months: share of trials at or below each value",
                s.horizon_months
            ),
            (FONT, TITLE_SIZE),
        )
        .margin(24)
        .x_label_area_size(70)
        .y_label_area_size(100)
        .build_cartesian_2d(padded(lo, hi), 0f64..1f64)
        .map_err(|e| e.to_string())?;
    let (x_format, x_labels) = money_ticks(&padded(lo, hi));
    chart
        .configure_mesh()
        .x_desc(format!(
            "NPV against the baseline ({}, discounted at {:.0} % a year)",
            s.currency,
            100.0 * s.discount_rate
        ))
        .y_desc("Share of trials")
        .axis_desc_style((FONT, LABEL_SIZE))
        .label_style((FONT, TICK_SIZE))
        .x_labels(x_labels)
        .x_label_formatter(&x_format)
        .y_label_formatter(&|y| format!("{:.0} %", y * 100.0))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()
        .map_err(|e| e.to_string())?;
    for (i, c) in s.candidates.iter().enumerate() {
        let mut points: Vec<(f64, f64)> = c.npv.percentiles.iter().map(|p| (p[1], p[0])).collect();
        // The curve passes through zero at exactly P(NPV < 0), a count, rather than where the
        // line between the two percentiles around it would cross.
        let p_negative = c.npv.p_negative;
        if p_negative > 0.0 && p_negative < 1.0 {
            let at = points.partition_point(|&(x, _)| x < 0.0);
            points.insert(at, (0.0, p_negative));
            chart
                .draw_series([Circle::new((0.0, p_negative), 6, colour(i).filled())])
                .map_err(|e| e.to_string())?;
        }
        let label = if c.npv.p_negative == 0.0 {
            format!("{}: P(NPV < 0): none", Names::of(s).option(&c.name))
        } else {
            format!(
                "{}: P(NPV < 0) = {:.1} %",
                Names::of(s).option(&c.name),
                100.0 * c.npv.p_negative
            )
        };
        draw_line(&mut chart, i, points, label)?;
    }
    chart
        .draw_series(DashedLineSeries::new(
            [(0.0, 0.0), (0.0, 1.0)],
            10,
            6,
            BLACK.stroke_width(2),
        ))
        .map_err(|e| e.to_string())?;
    draw_legend(&mut chart, SeriesLabelPosition::LowerRight)
}
