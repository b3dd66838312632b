//! `report.html`: the memo as one self-contained, printable page: inline CSS, charts as inline
//! SVG, no scripts, nothing fetched. Every text is escaped, including what came from the
//! scenario file.

use super::memo::Block;
use std::fmt::Write;

const STYLE: &str = "body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;\
padding:0 1em;color:#111;line-height:1.45}h1{font-size:1.7em}h2{margin-top:1.6em;border-bottom:1px solid #999}\
table{border-collapse:collapse;margin:1em 0;font-size:.92em}th,td{border:1px solid #aaa;padding:.3em .6em;\
text-align:left;vertical-align:top}th{background:#eee}figure{margin:1.5em 0;page-break-inside:avoid}\
figure svg{width:100%;height:auto}figcaption{font-size:.9em;color:#333}\
.page-end{break-after:page}\
@media print{body{margin:0;max-width:none;font-size:10pt;line-height:1.3}h1{font-size:1.5em;margin:0 0 .4em}\
h2{page-break-after:avoid;margin-top:.8em}p,ul{margin:.45em 0}table{margin:.5em 0}}";

/// Renders the memo's blocks as an HTML page; `svg` gives a chart's SVG by file stem.
pub fn render(blocks: &[Block], svg: &dyn Fn(&str) -> Option<String>) -> String {
    let title = blocks.iter().find_map(|b| match b {
        Block::Heading(1, t) => Some(t.as_str()),
        _ => None,
    });
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title.unwrap_or("payback report"))
    );
    out.push_str(&fragment(blocks, svg));
    out.push_str("</body>\n</html>\n");
    out
}

/// The blocks as HTML elements, for a page of their own or inside another.
pub fn fragment(blocks: &[Block], svg: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading(level, text) => {
                let _ = writeln!(out, "<h{level}>{}</h{level}>", escape(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", escape(text));
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", escape(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(header, rows) => {
                out.push_str("<table>\n<tr>");
                for h in header {
                    let _ = write!(out, "<th>{}</th>", escape(h));
                }
                out.push_str("</tr>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for c in row {
                        let _ = write!(out, "<td>{}</td>", escape(c));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
            Block::Chart(stem, caption) => {
                if let Some(chart) = svg(stem) {
                    let _ = writeln!(
                        out,
                        "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>",
                        strip_prolog(&chart),
                        escape(caption)
                    );
                }
            }
            Block::PageBreak => out.push_str("<div class=\"page-end\"></div>\n"),
        }
    }
    out
}

/// Text safe inside HTML elements and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// An SVG document without its XML prolog, to inline in HTML.
fn strip_prolog(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(start) => &svg[start..],
        None => svg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenario_text_is_escaped() {
        let page = render(
            &[Block::Heading(1, "<script>alert('x')</script> & co".into())],
            &|_| None,
        );
        assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
        assert!(!page.contains("<script>"));
    }

    #[test]
    fn charts_are_inlined() {
        let page = render(&[Block::Chart("npv".into(), "NPV".into())], &|stem| {
            (stem == "npv")
                .then(|| "<?xml version=\"1.0\"?>\n<svg><text>x</text></svg>".to_string())
        });
        assert!(page.contains("<figure>\n<svg><text>x</text></svg>\n<figcaption>NPV</figcaption>"));
    }
}
