//! The scenario file `payback init` writes, section by section: every field with the answer
//! and a comment saying why it matters, and, for an answer left at its default, that the
//! number is still a guess.

/// One field of the file.
#[derive(Debug, Clone)]
struct Field {
    key: String,
    value: String,
    comment: String,
}

/// A scenario file being written.
#[derive(Debug, Default)]
pub struct Draft {
    sections: Vec<(String, Vec<Field>)>,
}

impl Draft {
    /// Adds `key = value` to the section `[header]`, with the comment `why`; `guessed` marks
    /// a default answer.
    pub fn set(&mut self, header: &str, key: &str, value: String, why: &str, guessed: bool) {
        let mut comment = why.to_string();
        if guessed {
            comment.push_str(" DEFAULT: not given, so the usual guess; check it.");
        }
        self.field(header, key, value, comment);
    }

    /// Adds `key = value` to `[header]` with `comment` (empty for none).
    pub fn field(&mut self, header: &str, key: &str, value: String, comment: String) {
        let field = Field {
            key: key.to_string(),
            value,
            comment,
        };
        match self.sections.iter_mut().find(|(h, _)| h == header) {
            Some((_, fields)) => fields.push(field),
            None => self.sections.push((header.to_string(), vec![field])),
        }
    }

    /// The file's text, headed by `preamble` (comment lines).
    pub fn text(&self, preamble: &[String]) -> String {
        let mut out: String = preamble.iter().map(|l| format!("# {l}\n")).collect();
        for (header, fields) in &self.sections {
            out.push_str(&format!("\n[{header}]\n"));
            for f in fields {
                if !f.comment.is_empty() {
                    for line in wrap(&f.comment, 94) {
                        out.push_str(&format!("# {line}\n"));
                    }
                }
                out.push_str(&format!("{} = {}\n", f.key, f.value));
            }
        }
        out
    }
}

/// `text` in lines of at most `width` characters, broken at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}
