//! `rsm batch`: run many commands in one process and one session.
//!
//! One process owns an OpenRSM home, so a script that runs `rsm` once per command opens the
//! database once per command; a batch opens it once. A `watch` line runs in the background:
//! it subscribes before the next line runs and prints the notifications the following
//! commands cause, interleaved with their output (whole documents, never mixed within one).

use std::io::Read;
use std::path::PathBuf;
use std::thread::JoinHandle;

use clap::Args;
use openrsm::{Error, ErrorKind, Result};

use crate::context::Context;
use crate::watch::{StopHandle, Watcher};
use crate::Command;

/// `rsm batch [FILE]`
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The file of commands, one per line (`#` starts a comment); `-` or nothing reads stdin.
    file: Option<PathBuf>,
    /// Go on after a failing command (the exit code is still that of the first failure).
    #[arg(long)]
    keep_going: bool,
}

/// A watch running in the background of a batch.
struct Background {
    line: usize,
    /// Whether it ends on its own by a time limit (else it ends with the batch).
    timed: bool,
    stop: StopHandle,
    thread: JoinHandle<Result<()>>,
}

/// `rsm batch`
pub fn run(ctx: &Context, args: BatchArgs) -> Result<()> {
    let text = read_script(args.file.as_ref())?;
    let mut watches: Vec<Background> = Vec::new();
    // Each failure with its line, and whether it was printed already.
    let mut failures: Vec<(usize, Error, bool)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let result = split_words(line).map_err(|why| Error::new(ErrorKind::InvalidParameter, why)).and_then(|words| {
            if words.is_empty() {
                Ok(())
            } else {
                run_line(ctx, &words, number, &mut watches)
            }
        });
        if let Err(e) = result {
            let e = e.with_context(format!("line {number}"));
            if args.keep_going {
                crate::report(&e);
            }
            failures.push((number, e, args.keep_going));
            if !args.keep_going {
                // Nothing else will run: background watches end now too.
                stop_all(&watches, true);
                break;
            }
        }
    }
    stop_all(&watches, false);
    for (line, e) in finish(watches) {
        failures.push((line, e.with_context(format!("line {line} (watch)")), false));
    }
    failures.sort_by_key(|(line, _, _)| *line);
    if failures.len() == 1 && !failures[0].2 {
        return Err(failures.remove(0).1);
    }
    for (_, e, reported) in &failures {
        if !reported {
            crate::report(e);
        }
    }
    match failures.first() {
        None => Ok(()),
        Some((line, first, _)) => Err(Error::new(
            first.kind(),
            format!("{} command(s) failed; the first, on line {line}, with the error above", failures.len()),
        )),
    }
}

/// Stop the background watches without a time limit, or all of them.
fn stop_all(watches: &[Background], all: bool) {
    for watch in watches.iter().filter(|w| all || !w.timed) {
        watch.stop.stop();
    }
}

/// Wait for every background watch; the ones that failed.
fn finish(watches: Vec<Background>) -> Vec<(usize, Error)> {
    let mut failed = Vec::new();
    for watch in watches {
        match watch.thread.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failed.push((watch.line, e)),
            Err(_) => failed.push((watch.line, Error::new(ErrorKind::InvalidOperation, "the watch failed"))),
        }
    }
    failed
}

fn run_line(ctx: &Context, words: &[String], number: usize, watches: &mut Vec<Background>) -> Result<()> {
    let command = crate::parse_line(words).map_err(|e| {
        let rendered = e.render().to_string();
        let first = rendered.lines().next().unwrap_or("cannot parse the command").trim();
        Error::new(ErrorKind::InvalidParameter, first.strip_prefix("error: ").unwrap_or(first).to_owned())
    })?;
    match command {
        Command::Batch(_) => Err(Error::new(ErrorKind::InvalidParameter, "a batch cannot run another batch")),
        Command::Watch(args) => {
            let watcher = Watcher::start(ctx.session()?, ctx.out, &args)?;
            let stop = watcher.stop_handle();
            let thread = std::thread::spawn(move || watcher.run());
            watches.push(Background { line: number, timed: args.has_timeout(), stop, thread });
            Ok(())
        }
        other => crate::dispatch(ctx, other),
    }
}

fn read_script(file: Option<&PathBuf>) -> Result<String> {
    let mut text = String::new();
    match file.filter(|f| f.as_os_str() != "-") {
        Some(path) => {
            text = std::fs::read_to_string(path)
                .map_err(|e| Error::from(e).with_context(format!("cannot read {}", path.display())))?
        }
        None => {
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Error::from(e).with_context("cannot read standard input"))?;
        }
    }
    Ok(text)
}

/// Split a line into words like a POSIX shell does for plain words: whitespace separates,
/// `'...'` is literal, `"..."` allows `\"` and `\\`, a backslash outside quotes takes the next
/// character as it is, and `#` at the start of a word comments out the rest of the line.
pub fn split_words(line: &str) -> std::result::Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        match chars.peek() {
            None | Some('#') => return Ok(words),
            _ => {}
        }
        let mut word = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
            match c {
                '\'' => loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("a ' quote is not closed".to_owned()),
                    }
                },
                '"' => loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err("a \" quote is not closed".to_owned()),
                        },
                        Some(c) => word.push(c),
                        None => return Err("a \" quote is not closed".to_owned()),
                    }
                },
                '\\' => match chars.next() {
                    Some(c) => word.push(c),
                    None => return Err("a line cannot end with a backslash".to_owned()),
                },
                c => word.push(c),
            }
        }
        words.push(word);
    }
}

#[cfg(test)]
mod tests {
    use super::split_words;

    fn words(line: &str) -> Vec<String> {
        split_words(line).unwrap()
    }

    #[test]
    fn words_split_like_a_shell() {
        assert_eq!(words("  pool create  Backup/Weekly --parents "), ["pool", "create", "Backup/Weekly", "--parents"]);
        assert_eq!(
            words(r#"set X --description "weekly \"full\" backups""#),
            ["set", "X", "--description", r#"weekly "full" backups"#]
        );
        assert_eq!(words("attr set X note 'it''s'"), ["attr", "set", "X", "note", "its"]);
        assert_eq!(words(r"media create --barcode A\ B"), ["media", "create", "--barcode", "A B"]);
        assert_eq!(words("pools # list them"), ["pools"]);
        assert_eq!(words("# only a comment"), Vec::<String>::new());
        assert_eq!(words("attr set X tag a#b"), ["attr", "set", "X", "tag", "a#b"]);
        assert_eq!(words(r#"x """#), ["x", ""]);
    }

    #[test]
    fn unclosed_quotes_are_errors() {
        assert!(split_words("set X --name 'open").is_err());
        assert!(split_words("set X --name \"open").is_err());
        assert!(split_words("trailing \\").is_err());
    }
}
