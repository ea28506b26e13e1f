//! What a human-format snippet shows of a file: the lines around a diagnostic's labels, with
//! control characters drawn visibly and long lines cut around the labels, as miette's
//! [`SourceCode`].
//!
//! miette would print a file's bytes as they are, so an escape sequence in a scanned file
//! would reach the terminal; it pads labels with `format!` widths, which panic past column
//! 65,535; and it counts a lone `\r` as a line break where rustc, proc-macro2 and
//! [`SourceFile`] do not. A [`Snippet`] holds only the lines a diagnostic shows, already made
//! safe, and tells miette the real line and column of each, so the header and gutter match the
//! locations of the other formats.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::source::SourceFile;

/// A line longer than this (in bytes) is shown as windows around the labels on it.
const MAX_SHOWN_LINE: usize = 240;
/// Bytes kept on each side of a label's start and end in a cut line.
const CUT_CONTEXT: usize = 40;
/// Marks text left out of a cut line.
const ELLIPSIS: char = '…';
/// Lines shown before and after the labels (miette's `context_lines`).
pub(super) const CONTEXT_LINES: usize = 1;

/// The lines of one file that one diagnostic shows.
pub(super) struct Snippet {
    name: String,
    text: String,
    lines: Vec<ShownLine>,
    /// Each label end point: its byte offset in the file and in `text`, sorted by the former.
    points: Vec<(usize, usize)>,
}

/// One line of `text`.
struct ShownLine {
    /// Its byte range in `text`, without the line break.
    range: Range<usize>,
    /// 0-based line number in the file.
    number: usize,
    /// Whether `text` has a `\n` after it.
    broken: bool,
}

impl Snippet {
    /// The lines that `spans` (byte ranges of `file`) touch, with [`CONTEXT_LINES`] around.
    pub(super) fn new(file: &SourceFile, spans: &[Range<usize>]) -> Snippet {
        let text = file.text();
        let clamp = |offset: usize| floor_char_boundary(text, offset.min(text.len()));
        let mut points: Vec<usize> = spans
            .iter()
            .flat_map(|span| [clamp(span.start), clamp(span.end.max(span.start))])
            .collect();
        points.sort_unstable();
        points.dedup();
        let (Some(&lowest), Some(&highest)) = (points.first(), points.last()) else {
            return Snippet {
                name: file.display_path.clone(),
                text: String::new(),
                lines: Vec::new(),
                points: Vec::new(),
            };
        };
        let first_line = file.line_index_of(lowest).saturating_sub(CONTEXT_LINES);
        let last_line = (file.line_index_of(highest) + CONTEXT_LINES).min(file.line_count() - 1);
        let mut snippet = Snippet {
            name: file.display_path.clone(),
            text: String::new(),
            lines: Vec::new(),
            points: Vec::with_capacity(points.len()),
        };
        let mut pending = points.iter().copied().peekable();
        for number in first_line..=last_line {
            let line = file.line_range(number);
            let line = clamp(line.start)..clamp(line.end.max(line.start));
            let broken = line.end < text.len();
            // A `\r\n` break is one break; a lone `\r` is text, drawn as a control picture.
            let content_end = if broken && text[line.clone()].ends_with('\r') {
                line.end - 1
            } else {
                line.end
            };
            let content = line.start..content_end;
            let line_points: Vec<usize> = points
                .iter()
                .copied()
                .filter(|point| line.contains(point) || *point == line.end)
                .collect();
            let start = snippet.text.len();
            let windows = shown_windows(text, &content, &line_points);
            for window in &windows {
                if window.start > content.start {
                    snippet.text.push(ELLIPSIS);
                }
                for (offset, character) in text[window.clone()].char_indices() {
                    snippet.map_points(&mut pending, window.start + offset);
                    snippet.text.push(visible(character));
                }
                snippet.map_points(&mut pending, window.end);
            }
            if windows
                .last()
                .is_some_and(|window| window.end < content.end)
            {
                snippet.text.push(ELLIPSIS);
            }
            // Points on the line break belong to the end of the shown line.
            snippet.map_points(&mut pending, line.end);
            snippet.lines.push(ShownLine {
                range: start..snippet.text.len(),
                number,
                broken,
            });
            if broken {
                snippet.text.push('\n');
            }
        }
        snippet
    }

    /// Places the points up to `offset` of the file at the end of the text shown so far.
    fn map_points(
        &mut self,
        pending: &mut std::iter::Peekable<impl Iterator<Item = usize>>,
        offset: usize,
    ) {
        while let Some(point) = pending.next_if(|&point| point <= offset) {
            self.points.push((point, self.text.len()));
        }
    }

    /// Where the file's byte range `span` is in the snippet (both ends must be label points).
    pub(super) fn span(&self, span: Range<usize>) -> SourceSpan {
        let start = self.shown_offset(span.start);
        let end = self.shown_offset(span.end.max(span.start)).max(start);
        (start, end - start).into()
    }

    fn shown_offset(&self, offset: usize) -> usize {
        let index = self.points.partition_point(|&(point, _)| point < offset);
        match self.points.get(index) {
            Some(&(_, shown)) => shown,
            None => self.text.len(),
        }
    }

    /// The 0-based column (in chars) of a shown offset, as in the file.
    fn column_in_file(&self, line: &ShownLine, shown: usize, file_text: Option<&str>) -> usize {
        let from_start = self.text[line.range.start..shown.min(line.range.end)]
            .chars()
            .count();
        let Some(file_text) = file_text else {
            return from_start;
        };
        // A label point: its column in the file, cut lines included.
        match self.points.iter().find(|&&(_, point)| point == shown) {
            Some(&(offset, _)) => {
                let line_start = file_text[..offset].rfind('\n').map_or(0, |index| index + 1);
                file_text[line_start..offset].chars().count()
            }
            None => from_start,
        }
    }

    fn line_containing(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|line| line.range.start <= offset)
            .saturating_sub(1)
    }
}

/// A [`Snippet`] with the file text it came from, for columns in cut lines.
pub(super) struct SnippetSource {
    pub(super) snippet: Snippet,
    pub(super) file_text: std::sync::Arc<str>,
}

impl SourceCode for SnippetSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let snippet = &self.snippet;
        if span.offset() > snippet.text.len() || snippet.lines.is_empty() {
            return Err(MietteError::OutOfBounds);
        }
        let start_line = snippet.line_containing(span.offset());
        let end_line = snippet.line_containing(span.offset() + span.len().saturating_sub(1));
        let first = start_line.saturating_sub(context_lines_before);
        let last = (end_line + context_lines_after).min(snippet.lines.len() - 1);
        let last_line = &snippet.lines[last];
        let data_end = last_line.range.end + usize::from(last_line.broken);
        let (data_start, column) = if context_lines_before == 0 {
            let line = &snippet.lines[start_line];
            let column = snippet.column_in_file(line, span.offset(), Some(&self.file_text));
            (span.offset(), column)
        } else {
            (snippet.lines[first].range.start, 0)
        };
        // As miette counts it: the line breaks from the file's start to the end of the data
        // (it decides from this which snippets to draw as one).
        let line_count = last_line.number + usize::from(last_line.broken);
        Ok(Box::new(MietteSpanContents::new_named(
            snippet.name.clone(),
            &snippet.text.as_bytes()[data_start..data_end],
            (data_start, data_end - data_start).into(),
            snippet.lines[first].number,
            column,
            line_count,
        )))
    }
}

/// The parts of a line's `content` a snippet shows: all of it when it is short, else windows
/// of [`CUT_CONTEXT`] bytes around each point on it (or its start, when none is).
fn shown_windows(text: &str, content: &Range<usize>, points: &[usize]) -> Vec<Range<usize>> {
    if content.len() <= MAX_SHOWN_LINE {
        return vec![content.clone()];
    }
    let anchors: Vec<usize> = if points.is_empty() {
        vec![content.start + CUT_CONTEXT]
    } else {
        points.to_vec()
    };
    let mut windows: Vec<Range<usize>> = Vec::new();
    for anchor in anchors {
        let start =
            floor_char_boundary(text, anchor.saturating_sub(CUT_CONTEXT).max(content.start));
        let end = ceil_char_boundary(text, (anchor + CUT_CONTEXT).min(content.end));
        match windows.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => windows.push(start..end),
        }
    }
    windows
}

/// A char as a terminal may safely show it: C0 controls and DEL as their Unicode control
/// pictures (`␛`, `␀`, as rustc draws them), C1 controls and bidirectional overrides as `�`.
/// Tabs stay (miette expands them). One char for one, so columns keep counting chars.
fn visible(character: char) -> char {
    match character {
        '\t' => '\t',
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + character as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '\u{fffd}',
        other => other,
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}
