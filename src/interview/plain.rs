//! The prompts for a terminal that cannot move its cursor (`TERM=dumb`:
//! Emacs's `M-x shell`, some screen-reader set-ups, a serial console). The
//! select lists and redrawn prompts of [`super::Terminal`] would show there
//! as escape codes; here every prompt is written once, as plain lines, and
//! answered by typing a line, which the terminal itself lets one edit.

use std::io::{BufRead, Write};

use super::prompter::{laid_out, Check, Prompter, Reply, BACK_TEXT};
use crate::error::{Error, Result};

/// Line-by-line prompts on stderr, answers read from stdin.
pub struct Plain {
    columns: Option<usize>,
    /// See [`Prompter::can_go_back`].
    can_go_back: bool,
}

impl Plain {
    /// Plain prompts, laid out to the terminal's width when it says.
    pub fn new() -> Self {
        Plain {
            columns: crate::output::stderr_columns().map(usize::from),
            can_go_back: true,
        }
    }

    /// Answers a `<` where there is no question before: the same prompt
    /// reads again, as after a refused answer.
    fn no_question_before(&self) -> Result<()> {
        self.write(&format!(
            "{}\n",
            laid_out(
                &format!("  ({})", super::prompter::NO_QUESTION_BEFORE),
                self.columns
            )
        ))
    }

    fn write(&self, text: &str) -> Result<()> {
        let mut err = std::io::stderr().lock();
        err.write_all(text.as_bytes())
            .and_then(|()| err.flush())
            .map_err(|e| Error::io("writing to the terminal", e))
    }

    /// Writes `prompt` (no newline) and reads a line; the end of the input
    /// (Ctrl-D) ends the interview as Ctrl-C does.
    fn read(&self, prompt: &str) -> Result<String> {
        self.write(prompt)?;
        let mut line = String::new();
        let read = std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Error::io("reading from the terminal", e))?;
        crate::output::exit_if_interrupted();
        // The end of the input, also after text typed without Enter
        // (Ctrl-D twice): that text was not given as an answer.
        if read == 0 || !line.ends_with('\n') {
            let _ = self.write("\n");
            return Err(Error::Interrupted);
        }
        Ok(line.trim().to_owned())
    }
}

/// `text` broken to the terminal's width after `indent` columns already
/// written, its later lines indented as far.
fn hanging(text: &str, indent: usize, columns: Option<usize>) -> String {
    let Some(columns) = columns else {
        return text.to_owned();
    };
    let room = columns.saturating_sub(indent + 1).max(12);
    super::prompter::wrap(text, room, usize::MAX).join(&format!("\n{}", " ".repeat(indent)))
}

/// Whether `text` is a yes or a no (`y`, `No`, …).
fn is_yes_no(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "y" | "yes" | "n" | "no"
    )
}

/// Whether a yes or a no may answer a list of `items`: one is Yes or No,
/// or starts with the word (`No, weigh them equally`, the weight
/// question's first answer, which `no` names as a person means it).
fn takes_yes_no(items: &[String]) -> bool {
    items
        .iter()
        .any(|item| is_yes_no(item) || is_yes_no(first_word(item)))
}

/// The text before `item`'s first space or punctuation (`No` in `No, weigh
/// them equally`).
fn first_word(item: &str) -> &str {
    item.split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
}

/// `?` is "not sure" at a list too, as at a number: the list's "Not sure".
pub(super) fn not_sure(items: &[String], typed: &str) -> Option<usize> {
    (typed.trim() == "?")
        .then(|| items.iter().position(|i| i == super::NOT_SURE))
        .flatten()
}

/// The item `typed` names: the one it spells out (case aside), or whose
/// id it is (`ids[i]` is `items[i]`'s, as flags and JSON spell it), else
/// the only one it starts. Otherwise the items it starts (none, or several).
/// A yes or no starts no item of a list whose answers are not yes and no:
/// `no` at "Are the queries known up front?" means "not known", not the
/// "Not sure" it starts.
pub(super) fn typed_answer(
    items: &[String],
    ids: &[&str],
    typed: &str,
) -> std::result::Result<usize, Vec<usize>> {
    let typed = typed.to_lowercase();
    let lower: Vec<String> = items.iter().map(|i| i.to_lowercase()).collect();
    if let Some(exact) = lower.iter().position(|i| *i == typed) {
        return Ok(exact);
    }
    // `multi-item` and `multi item` spell `multi_item` too, as a person
    // may type a flag word (and as the flags read it).
    let id = crate::workload::loose_option(ids.iter().take(items.len()).copied(), typed.trim());
    if let Some(id) = id {
        return Ok(id);
    }
    // `n` at Yes, No and Not sure is No, as a terminal's list takes it and
    // as every y/n prompt does, not a start shared by two answers; `true`
    // and `false` are how JSON says them.
    let short = match typed.trim() {
        "y" | "true" => Some("yes"),
        "n" | "false" => Some("no"),
        _ => None,
    };
    if let Some(word) = short {
        if let Some(at) = lower.iter().position(|i| i == word) {
            return Ok(at);
        }
    }
    let starting: Vec<usize> = (0..lower.len())
        .filter(|&i| lower[i].starts_with(&typed))
        .collect();
    if is_yes_no(&typed) && !takes_yes_no(items) {
        // Refused even where it starts one answer, which the caller names.
        return Err(starting);
    }
    if is_yes_no(&typed) {
        // The one answer whose first word it is: `no` at "How do you want
        // to run it?" is "No preference", not the "Not sure" (or
        // "Serverless, nothing to size") it merely starts.
        let word = if typed.trim().starts_with('y') {
            "yes"
        } else {
            "no"
        };
        let whole: Vec<usize> = (0..lower.len())
            .filter(|&i| first_word(&lower[i]) == word)
            .collect();
        if let [only] = whole[..] {
            return Ok(only);
        }
    }
    // A start that names one label yet also starts another answer's id
    // (`multi`: "Multi-statement…" is `complex`, and `multi_item` another
    // answer) is shared, not that label's: someone who knows the flags
    // would get the answer they did not mean. An id alone is taken only
    // whole (above).
    let also_ids: Vec<usize> = ids
        .iter()
        .take(items.len())
        .enumerate()
        .filter(|&(i, id)| {
            !id.is_empty() && !starting.contains(&i) && id.to_lowercase().starts_with(&typed)
        })
        .map(|(i, _)| i)
        .collect();
    match starting[..] {
        [only] if also_ids.is_empty() => Ok(only),
        [_] => {
            let mut shared = starting;
            shared.extend(also_ids);
            shared.sort_unstable();
            Err(shared)
        }
        _ => Err(starting),
    }
}

impl Default for Plain {
    fn default() -> Self {
        Self::new()
    }
}

impl Plain {
    /// A numbered list, answered by a number or typed text (see
    /// [`typed_answer`]; `ids` as in [`Prompter::select_with_ids`]).
    fn list(
        &mut self,
        prompt: &str,
        items: &[String],
        ids: &[&str],
        default: usize,
    ) -> Result<Reply<usize>> {
        let mut text = laid_out(prompt, self.columns);
        // Numbers right-aligned (` 9)`, `10)`), wrapped lines under the text.
        let digits = items.len().to_string().len();
        for (i, item) in items.iter().enumerate() {
            let number = format!("  {:>digits$}) ", i + 1);
            text.push('\n');
            text.push_str(&number);
            text.push_str(&hanging(item, number.len(), self.columns));
        }
        text.push('\n');
        self.write(&text)?;
        let range = match items.len() {
            2 => "1 or 2".to_owned(),
            n => format!("1 to {n}"),
        };
        let ask = format!(
            "Type {range}, or the answer (Enter for {}; {BACK_TEXT} goes back): ",
            default + 1
        );
        loop {
            // Laid out like the rest, the trailing space kept for the answer.
            let typed = self.read(&format!("{} ", laid_out(ask.trim_end(), self.columns)))?;
            if super::prompter::goes_back(&typed) {
                if self.can_go_back {
                    return Ok(Reply::Back);
                }
                self.no_question_before()?;
                continue;
            }
            let number = typed
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=items.len()).contains(n));
            let pick = match (number, not_sure(items, &typed)) {
                _ if typed.is_empty() => Ok(default),
                (_, Some(i)) => Ok(i),
                (Some(n), None) => Ok(n - 1),
                (None, None) => typed_answer(items, ids, &typed),
            };
            match pick {
                Ok(pick) => {
                    self.write(&format!("  = {}\n", items[pick]))?;
                    return Ok(Reply::Answer(pick));
                }
                Err(starting) => {
                    // An answer met by its flag word, not its label, names
                    // the word: `multi` starts "A few items at once" nowhere.
                    let lower = typed.to_lowercase();
                    let starting: Vec<String> = starting
                        .iter()
                        .map(|&i| match ids.get(i) {
                            Some(id) if !items[i].to_lowercase().starts_with(&lower) => {
                                format!("{} `{id}`", i + 1)
                            }
                            _ => (i + 1).to_string(),
                        })
                        .collect();
                    let yes_no = is_yes_no(&typed) && !takes_yes_no(items);
                    let why = if yes_no && starting.is_empty() {
                        format!(
                            "error: `{}` answers yes or no, and this question's answers are not those: type one of {range}, or the start of one answer",
                            crate::raw::clipped(typed.trim()),
                        )
                    } else if yes_no {
                        // `no` at "None … Not sure": what it starts is named,
                        // as an answer would not be taken for a yes or no.
                        let (answers, one) = match starting.len() {
                            1 => ("answer", "it"),
                            _ => ("answers", "one"),
                        };
                        format!(
                            "error: `{}` answers yes or no, and this question's answers are not those; it starts {answers} {}: type more of {one}, or its number",
                            crate::raw::clipped(typed.trim()),
                            crate::estimate::join_with(&starting, "and")
                        )
                    } else if starting.len() > 1 {
                        format!(
                            "error: `{}` starts {} answers ({}): type more of one, or its number",
                            crate::raw::clipped(&typed),
                            starting.len(),
                            crate::estimate::join_with(&starting, "and")
                        )
                    } else {
                        format!(
                            "error: `{}` is neither one of {range} nor the start of one answer",
                            crate::raw::clipped(&typed),
                        )
                    };
                    self.write(&format!("{}\n", laid_out(&why, self.columns)))?;
                }
            }
        }
    }
}

impl Prompter for Plain {
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<Reply<usize>> {
        self.list(prompt, items, &[], default)
    }

    fn select_with_ids(
        &mut self,
        prompt: &str,
        items: &[String],
        ids: &[&str],
        default: usize,
    ) -> Result<Reply<usize>> {
        self.list(prompt, items, ids, default)
    }

    fn text(&mut self, prompt: &str, initial: &str, check: &Check) -> Result<Reply<String>> {
        self.write(&format!("{}\n", laid_out(prompt, self.columns)))?;
        // A line cannot be typed in for the person here: the answer given
        // before going back is said, and Enter keeps it, as a list's
        // Enter keeps the earlier pick (`?` is not sure).
        let earlier = (!initial.is_empty())
            .then(|| check(initial).ok())
            .flatten()
            .filter(|shown| !shown.is_empty());
        if let Some(shown) = &earlier {
            self.write(&format!(
                "{}\n",
                laid_out(
                    &format!("  (answered before: {shown}; Enter keeps it, ? for not sure)"),
                    self.columns
                )
            ))?;
        }
        loop {
            let mut typed = self.read("> ")?;
            if super::prompter::goes_back(&typed) {
                if self.can_go_back {
                    return Ok(Reply::Back);
                }
                self.no_question_before()?;
                continue;
            }
            if typed.is_empty() && earlier.is_some() {
                typed = initial.to_owned();
            }
            match check(&typed) {
                Ok(shown) => {
                    let shown = if shown.is_empty() {
                        super::NOT_SURE.to_owned()
                    } else {
                        shown
                    };
                    self.write(&format!("  = {shown}\n"))?;
                    return Ok(Reply::Answer(typed));
                }
                Err(why) => self.write(&format!(
                    "{}\n",
                    laid_out(&format!("error: {why}"), self.columns)
                ))?,
            }
        }
    }

    fn can_go_back(&mut self, can: bool) {
        self.can_go_back = can;
    }

    fn say(&mut self, line: &str) {
        let _ = self.write(&format!("{}\n", laid_out(line, self.columns)));
    }

    fn say_verbatim(&mut self, line: &str) {
        let _ = self.write(&format!("{line}\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::typed_answer;

    fn items(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn typed_answers_pick_what_they_name_or_only_start() {
        let yes_no = items(&["Yes", "No", "Not sure"]);
        // `y` and `n` are Yes and No, though `n` starts Not sure too.
        assert_eq!(typed_answer(&yes_no, &[], "n"), Ok(1));
        assert_eq!(typed_answer(&yes_no, &[], "Y"), Ok(0));
        assert_eq!(typed_answer(&yes_no, &[], "no"), Ok(1));
        assert_eq!(typed_answer(&yes_no, &[], "not"), Ok(2));
        // Elsewhere a start shared by several answers names them all.
        let regions = items(&["One Region", "Local reads", "Not sure", "None"]);
        assert_eq!(typed_answer(&regions, &[], "lo"), Ok(1));
        assert_eq!(typed_answer(&regions, &[], "no"), Err(vec![2, 3]));
        // A yes or no where the answers are not those is refused, with
        // what it starts.
        assert_eq!(typed_answer(&regions, &[], "n"), Err(vec![2, 3]));
        assert_eq!(
            typed_answer(&items(&["One", "Not sure"]), &[], "no"),
            Err(vec![1])
        );
        assert_eq!(
            typed_answer(&items(&["One", "Two"]), &[], "yes"),
            Err(vec![])
        );
        // Where an answer starts with the word, it is that answer's: `no`
        // at "Does one of these matter more…?" is "No, weigh them
        // equally" (it was refused as a no where the answers are not
        // yes and no, its own entry highlighted).
        let weights = items(&["No, weigh them equally", "Data model", "Scalability"]);
        assert_eq!(typed_answer(&weights, &[], "no"), Ok(0));
        assert_eq!(typed_answer(&weights, &[], "n"), Ok(0));
        assert_eq!(typed_answer(&weights, &[], "yes"), Err(vec![]));
        // Not a word's start only: `no` at "None…" and "Not sure" is
        // still refused as a no.
        assert_eq!(typed_answer(&regions, &[], "no"), Err(vec![2, 3]));
        // The answer whose first word it is, over those it only starts:
        // `no` at "How do you want to run it?" is "No preference" (it was
        // refused as starting that and "Not sure").
        let run = items(&[
            "Serverless, nothing to size",
            "Instances we size ourselves",
            "No preference",
            "Not sure",
        ]);
        let ids = ["serverless", "instances", "no_preference"];
        assert_eq!(typed_answer(&run, &ids, "no"), Ok(2));
        assert_eq!(typed_answer(&run, &ids, "N"), Ok(2));
        assert_eq!(typed_answer(&run, &ids, "yes"), Err(vec![]));
        // Two answers with that first word: still a shared start.
        let two = items(&["No logs", "No metrics", "Not sure"]);
        assert_eq!(typed_answer(&two, &[], "no"), Err(vec![0, 1, 2]));
    }

    #[test]
    fn typed_ids_and_json_booleans_name_their_items() {
        let regions = items(&["One Region", "Local reads", "Active-active", "Not sure"]);
        let ids = ["none", "read_local", "active_active"];
        // The words flags take: `none` is One Region, though it starts
        // nothing and is a no.
        assert_eq!(typed_answer(&regions, &ids, "none"), Ok(0));
        assert_eq!(typed_answer(&regions, &ids, "Active_Active"), Ok(2));
        // An id only whole, and the label still wins over another's id.
        assert_eq!(typed_answer(&regions, &ids, "read_"), Err(vec![]));
        let clash = items(&["none", "Nothing", "Not sure"]);
        assert_eq!(typed_answer(&clash, &["x", "none"], "none"), Ok(0));
        // A start of one label that also starts another answer's id is
        // shared: `multi` is not taken for "Multi-statement…" (`complex`)
        // when `multi_item` is another answer's id.
        let transactions = items(&[
            "None",
            "One item at a time",
            "A few items",
            "Multi-statement",
        ]);
        let ids = ["none", "single_item", "multi_item", "complex"];
        assert_eq!(typed_answer(&transactions, &ids, "multi"), Err(vec![2, 3]));
        assert_eq!(typed_answer(&transactions, &ids, "multi-"), Ok(3));
        assert_eq!(typed_answer(&transactions, &ids, "multi_item"), Ok(2));
        // A flag word spelt with a hyphen or a space, as people type it.
        assert_eq!(typed_answer(&transactions, &ids, "multi-item"), Ok(2));
        assert_eq!(typed_answer(&transactions, &ids, "Multi Item"), Ok(2));
        assert_eq!(typed_answer(&transactions, &ids, "a f"), Ok(2));
        // An empty id is none.
        assert_eq!(typed_answer(&regions, &["", ""], ""), Err(vec![0, 1, 2, 3]));
        let yes_no = items(&["Yes", "No", "Not sure"]);
        assert_eq!(typed_answer(&yes_no, &[], "true"), Ok(0));
        assert_eq!(typed_answer(&yes_no, &[], "FALSE"), Ok(1));
    }
}
