//! The vendor-deprecation pack: every candidate's P(never) (left) and median payback (right)
//! against the month in which the vendor retires the model; a median of "never" is left out
//! of the right panel (its P(never) on the left is above 50 %).

use super::*;

pub fn draw<DB: DrawingBackend>(s: &Summary, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
    let Some(pack) = &s.deprecation_stress else {
        return Ok(());
    };
    let root = root
        .titled(
            &format!("If the vendor retires {}'s model in month m", pack.option),
            (FONT, TITLE_SIZE),
        )
        .map_err(|e| e.to_string())?;
    let (left, right) = root.split_horizontally(SIZE.0 / 2);
    let last = pack.points.iter().map(|p| p.month).max().unwrap_or(1);
    let x = 0f64..f64::from(last) * 1.05;
    let p50_max = pack
        .points
        .iter()
        .flat_map(|p| p.candidates.iter().filter_map(|c| c.payback_p50_months))
        .fold(1.0f64, f64::max);
    for (panel, area) in [(0, &left), (1, &right)] {
        let y = if panel == 0 {
            0f64..1.05f64
        } else {
            0f64..p50_max * 1.1
        };
        let mut chart = ChartBuilder::on(area)
            .margin(20)
            .x_label_area_size(70)
            .y_label_area_size(90)
            .build_cartesian_2d(x.clone(), y)
            .map_err(|e| e.to_string())?;
        let (y_desc, y_format): (&str, &dyn Fn(&f64) -> String) = if panel == 0 {
            ("P(never pays back)", &|y| format!("{:.0} %", y * 100.0))
        } else {
            ("Median payback (months)", &|y| format!("{y:.1}"))
        };
        configure_mesh(&mut chart, "Month of the deprecation", y_desc, y_format)?;
        for (i, name) in s.candidates.iter().map(|c| &c.name).enumerate() {
            let points: Vec<(f64, f64)> = pack
                .points
                .iter()
                .filter_map(|p| {
                    let c = &p.candidates[i];
                    let y = if panel == 0 {
                        Some(c.p_never)
                    } else {
                        c.payback_p50_months
                    };
                    y.map(|y| (f64::from(p.month), y))
                })
                .collect();
            chart
                .draw_series(
                    points
                        .iter()
                        .map(|&p| Circle::new(p, 6, colour(i).filled())),
                )
                .map_err(|e| e.to_string())?;
            draw_line(&mut chart, i, points, name.clone())?;
        }
        draw_legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    }
    Ok(())
}
