//! Two line charts side by side under one title: a probability (left, 0–100 %) and a number of
//! months (right), each series with markers at its points. The sweep and the deprecation pack
//! draw their results this way.

use super::*;
use std::ops::Range;

/// One series: its name and its points in the left and the right panel.
pub struct Series {
    /// Legend text.
    pub name: String,
    /// Points of the probability panel.
    pub probability: Vec<(f64, f64)>,
    /// Points of the months panel (a "never" is left out).
    pub months: Vec<(f64, f64)>,
}

/// What the two panels show: the title, the shared x axis and each panel's y label and legend
/// corner.
pub struct Layout<'a> {
    /// The title above both panels.
    pub title: &'a str,
    /// The range of the shared x axis.
    pub x: Range<f64>,
    /// The x axis label.
    pub x_desc: &'a str,
    /// The y axis labels, left and right.
    pub y_desc: [&'a str; 2],
    /// The legend corners, left and right.
    pub legend: [SeriesLabelPosition; 2],
}

pub fn draw<DB: DrawingBackend>(
    layout: Layout,
    series: &[Series],
    root: &DrawingArea<DB, Shift>,
) -> Result<(), String> {
    let root = root
        .margin(14, 0, 0, 0)
        .titled(layout.title, (FONT, TITLE_SIZE))
        .map_err(|e| e.to_string())?;
    let (left, right) = root.split_horizontally(SIZE.0 / 2);
    let months_max = series
        .iter()
        .flat_map(|s| s.months.iter().map(|p| p.1))
        .fold(1.0f64, f64::max);
    let [left_legend, right_legend] = layout.legend;
    for (panel, area, legend) in [(0, &left, left_legend), (1, &right, right_legend)] {
        // Headroom above the lines for the legend (and, for months, the "never" notes).
        let y = if panel == 0 {
            0.0..1.3
        } else {
            0.0..months_max * 1.45
        };
        let y_format = |y: &f64| {
            if panel == 0 {
                if *y > 1.0 + 1e-9 {
                    String::new()
                } else {
                    format!("{:.0} %", y * 100.0)
                }
            } else {
                format!("{y:.1}")
            }
        };
        let mut chart = ChartBuilder::on(area)
            .margin(20)
            .x_label_area_size(70)
            .y_label_area_size(90)
            .build_cartesian_2d(layout.x.clone(), y)
            .map_err(|e| e.to_string())?;
        configure_mesh(
            &mut chart,
            layout.x_desc,
            layout.y_desc[panel],
            (&y_format, 10),
        )?;
        for (i, s) in series.iter().enumerate() {
            let points = if panel == 0 {
                &s.probability
            } else {
                &s.months
            };
            chart
                .draw_series(
                    points
                        .iter()
                        .map(|&p| Circle::new(p, 6, colour(i).filled())),
                )
                .map_err(|e| e.to_string())?;
            draw_line(&mut chart, i, points.clone(), s.name.clone())?;
            if panel == 1 {
                // Where the median is never, the months panel has no point: say so there.
                let never = s
                    .probability
                    .iter()
                    .filter(|(x, _)| !s.months.iter().any(|(m, _)| m == x));
                chart
                    .draw_series(never.map(|&(x, _)| {
                        Text::new(
                            "never",
                            (x, months_max * (1.12 + 0.06 * i as f64)),
                            (FONT, TICK_SIZE).into_font().color(&colour(i)),
                        )
                    }))
                    .map_err(|e| e.to_string())?;
            }
        }
        draw_legend(&mut chart, legend)?;
    }
    Ok(())
}
