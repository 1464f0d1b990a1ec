//! Shell completion scripts. clap_complete writes them, but not all that
//! dbadvisor's command line needs (the axes of `--priority AXIS=WEIGHT`,
//! paths in bash, fish's positional values): the patches on its output
//! follow clap_complete's text, not what the commands do, so they are kept
//! apart from them.

use crate::cli;
use crate::pack::Pack;

/// A completion script, generated into a buffer first so a closed pipe is an
/// ordinary write error rather than a panic inside the generator.
pub(crate) fn completions(pack: &Pack, shell: &str) -> String {
    use clap_complete::Shell;
    let shell = match shell {
        "bash" => Shell::Bash,
        "zsh" => Shell::Zsh,
        "fish" => Shell::Fish,
        "powershell" => Shell::PowerShell,
        _ => Shell::Elvish,
    };
    let mut command = cli::command(pack);
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut command, "dbadvisor", &mut buffer);
    let mut script = String::from_utf8_lossy(&buffer).into_owned();
    // `--priority` takes AXIS=WEIGHT, which clap cannot list: the axes are
    // offered, each with its `=` and no space after it, for the weight.
    let axes: Vec<String> = pack.axes.iter().map(|a| format!("{}=", a.id)).collect();
    let axes = axes.join(" ");
    match shell {
        Shell::Fish => {
            script = script
                .lines()
                .map(
                    |line| match line.contains(" -l priority ") && line.ends_with(" -r -f") {
                        true => format!("{line} -a \"{axes}\"\n"),
                        false => format!("{line}\n"),
                    },
                )
                .collect();
            script.push_str(&fish_positional_values(&command));
            script.push_str(&fish_fixes(&command));
        }
        Shell::Bash => {
            // clap_complete's path completion is a bare `compgen -f`: bash
            // then puts a space after a directory instead of stepping into
            // it with a `/` (`compopt -o filenames`, bash 4, marks the words
            // as paths), and splits a name with a space into two words
            // (`IFS` of newlines only keeps it whole).
            script = script.replace(
                r#"COMPREPLY=($(compgen -f "${cur}"))"#,
                r#"compopt -o filenames 2>/dev/null; local IFS=$'\n'; COMPREPLY=($(compgen -f -- "${cur}"))"#,
            );
            // `--use-case=ga`: bash splits the word at `=` (it is in
            // COMP_WORDBREAKS), so the option is the word before the `=`.
            // An `=` after anything else is inside a value (`-p
            // scalability=`, a file name with `=`): the rest is free text,
            // offered as typed (as clap does for a number) rather than
            // left to bash, which inserted a `-`, the flags' common start.
            script = script.replacen(
                "    prev=\"$3\"\n",
                concat!(
                    "    prev=\"$3\"\n",
                    "    if [[ \"${prev}\" == \"=\" && ${COMP_CWORD} -ge 2 ]]; then\n",
                    "        prev=\"${COMP_WORDS[COMP_CWORD-2]}\"\n",
                    "        if [[ \"${prev}\" != -* ]]; then\n",
                    "            COMPREPLY=(\"${cur}\")\n",
                    "            return 0\n",
                    "        fi\n",
                    "    fi\n",
                ),
                1,
            );
            for flag in ["--priority", "-p"] {
                script = script.replace(
                    &format!("                {flag})\n                    COMPREPLY=(\"${{cur}}\")\n"),
                    &format!(
                        "                {flag})\n                    COMPREPLY=($(compgen -W \"{axes}\" -- \"${{cur}}\"))\n"
                    ),
                );
            }
        }
        Shell::Zsh => {
            script = script.replace(
                ":AXIS=WEIGHT:'",
                &format!(":AXIS=WEIGHT:{{compadd -S \"\" -- {axes}}}'"),
            );
        }
        _ => {}
    }
    script
}

/// What clap_complete's fish script lacks: two places where fish fell back
/// to file names: the value of the `--color`
/// given before a command (its check for "no command yet" parses the
/// options so far and fails on one still missing its value), and the
/// commands after `help` (its check for "no command yet" sees `help`).
fn fish_fixes(command: &clap::Command) -> String {
    let colors: Vec<String> = command
        .get_arguments()
        .find(|a| a.get_id() == "color")
        .map(|a| {
            a.get_possible_values()
                .iter()
                .map(|v| v.get_name().to_owned())
                .collect()
        })
        .unwrap_or_default();
    let commands: Vec<&str> = command
        .get_subcommands()
        .map(clap::Command::get_name)
        .filter(|name| *name != "help")
        .collect();
    let mut lines = format!(
        "complete -c dbadvisor -n \"test (count (commandline -opc)) -ge 2; and test (commandline -opc)[-1] = --color\" -f -a \"{}\"\n",
        colors.join(" ")
    );
    lines.push_str(&format!(
        "complete -c dbadvisor -n \"test (count (commandline -opc)) -eq 2; and test (commandline -opc)[-1] = help\" -f -a \"{}\"\n",
        commands.join(" ")
    ));
    lines
}

/// clap_complete's fish script offers file names for a command's
/// positional argument even when it has a fixed set of values (bash and
/// zsh get them): `dbadvisor examples <TAB>` lists the example ids, and
/// `completions`, `man` their choices, with these lines. A value with a
/// help text (an example's title) gets it as its description, as fish
/// shows `--example`'s values and zsh `examples`'s, one line per value.
fn fish_positional_values(command: &clap::Command) -> String {
    // In fish's single quotes only `\\` and `\'` are escapes.
    let quoted = |text: &str| format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"));
    let mut lines = String::new();
    for sub in command.get_subcommands() {
        for arg in sub.get_positionals() {
            let possible: Vec<clap::builder::PossibleValue> = arg
                .get_possible_values()
                .into_iter()
                .filter(|v| !v.is_hide_set())
                .collect();
            if possible.iter().any(|v| v.get_help().is_some()) {
                for value in &possible {
                    lines.push_str(&format!(
                        "complete -c dbadvisor -n \"__fish_dbadvisor_using_subcommand {}\" -f -a {}",
                        sub.get_name(),
                        quoted(value.get_name())
                    ));
                    if let Some(help) = value.get_help() {
                        lines.push_str(&format!(" -d {}", quoted(&help.to_string())));
                    }
                    lines.push('\n');
                }
                continue;
            }
            let values: Vec<String> = possible.iter().map(|v| v.get_name().to_owned()).collect();
            if !values.is_empty() {
                lines.push_str(&format!(
                    "complete -c dbadvisor -n \"__fish_dbadvisor_using_subcommand {}\" -f -a \"{}\"\n",
                    sub.get_name(),
                    values.join(" ")
                ));
            }
        }
    }
    lines
}
