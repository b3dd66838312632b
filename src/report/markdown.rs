//! `report.md`: the memo in Markdown, charts as images beside it (SVG).

use super::memo::Block;
use std::fmt::Write;

/// Renders the memo's blocks as Markdown.
pub fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading(level, text) => {
                let _ = writeln!(
                    out,
                    "{} {}\n",
                    "#".repeat(usize::from(*level)),
                    escape(text)
                );
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "{}\n", escape(text));
            }
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", escape(item));
                }
                out.push('\n');
            }
            Block::Table(header, rows) => {
                let cells =
                    |row: &[String]| row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ");
                let _ = writeln!(out, "| {} |", cells(header));
                let _ = writeln!(out, "|{}", " --- |".repeat(header.len()));
                for row in rows {
                    let _ = writeln!(out, "| {} |", cells(row));
                }
                out.push('\n');
            }
            Block::Chart(stem, alt) => {
                let _ = writeln!(out, "![{}]({stem}.svg)\n", escape(alt));
            }
            Block::PageBreak => out.push_str("---\n\n"),
        }
    }
    out
}

/// Text with Markdown's special characters escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A table cell: escaped, on one line.
fn cell(text: &str) -> String {
    escape(text).replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(escape("a_b | *c* <d>"), "a\\_b \\| \\*c\\* \\<d\\>");
    }

    #[test]
    fn blocks_render_as_markdown() {
        let md = render(&[
            Block::Heading(2, "Title".into()),
            Block::Table(
                vec!["a".into(), "b".into()],
                vec![vec!["1".into(), "x|y".into()]],
            ),
            Block::Chart("npv".into(), "NPV".into()),
        ]);
        assert_eq!(
            md,
            "## Title\n\n| a | b |\n| --- | --- |\n| 1 | x\\|y |\n\n![NPV](npv.svg)\n\n"
        );
    }
}
