//! One candidate's upfront investment by part (each project item, the training runs, the
//! contingency): the mean as a bar, P10–P90 as a whisker.

use super::*;

pub fn draw<DB: DrawingBackend>(
    s: &Summary,
    i: usize,
    root: &DrawingArea<DB, Shift>,
) -> Result<(), String> {
    let c = &s.candidates[i];
    // Parts that are zero in every trial (no training runs, no contingency) are left out.
    let parts: Vec<_> = c
        .upfront_items
        .iter()
        .filter(|p| p.spread.mean != 0.0 || p.spread.p90 != 0.0)
        .collect();
    let top = parts
        .iter()
        .map(|p| p.spread.p90.max(p.spread.mean))
        .fold(1.0, f64::max)
        * 1.1;
    let n = parts.len() as f64;
    let mut chart = ChartBuilder::on(root)
        .caption(
            format!(
                "Upfront investment of {}: mean by part, P10–P90 whiskers",
                Names::of(s).option(&c.name)
            ),
            (FONT, TITLE_SIZE),
        )
        .margin(24)
        .x_label_area_size(70)
        .y_label_area_size(110)
        .build_cartesian_2d(-0.5f64..n - 0.5, 0f64..top)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(parts.len().max(1))
        .x_label_formatter(&|x| {
            let k = x.round();
            if (x - k).abs() < 1e-6 && k >= 0.0 {
                parts.get(k as usize).map_or(String::new(), |p| {
                    s.labels
                        .name(&format!("options.{}.project.items.{}", c.name, p.name))
                })
            } else {
                String::new()
            }
        })
        .y_labels(money_ticks(&(0.0..top)).1)
        .y_label_formatter(&money_ticks(&(0.0..top)).0)
        .x_desc(format!(
            "Total: mean {} {}, all committed at the decision",
            short_money(c.upfront.mean),
            s.currency
        ))
        .y_desc(format!("Amount ({})", s.currency))
        .axis_desc_style((FONT, LABEL_SIZE))
        .label_style((FONT, TICK_SIZE))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()
        .map_err(|e| e.to_string())?;
    let fill = colour(i).mix(0.8).filled();
    let whisker = BLACK.stroke_width(2);
    for (k, part) in parts.iter().enumerate() {
        let x = k as f64;
        let sp = &part.spread;
        chart
            .draw_series([
                Rectangle::new([(x - 0.3, 0.0), (x + 0.3, sp.mean)], fill).into_dyn(),
                PathElement::new(vec![(x, sp.p10), (x, sp.p90)], whisker).into_dyn(),
                PathElement::new(vec![(x - 0.1, sp.p10), (x + 0.1, sp.p10)], whisker).into_dyn(),
                PathElement::new(vec![(x - 0.1, sp.p90), (x + 0.1, sp.p90)], whisker).into_dyn(),
            ])
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
