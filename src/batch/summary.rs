//! How a run ended: the summary line's counts, its verdict, and the exit status.

use super::output::Existing;

/// Exit statuses of `factx batch` (the README's table).
pub mod exit {
    /// Every article of the shard has a final result, and none is an error.
    pub const COMPLETE: i32 = 0;
    /// Every article has a final result; some are per-article permanent errors (0 with
    /// `--allow-errors`). Rerunning changes nothing; `--retry-failed` redoes them.
    pub const COMPLETE_WITH_ERRORS: i32 = 1;
    /// Usage or setup error (bad flags, unreadable input, an output of another input, a server
    /// that refuses the run's credentials or is not a factx server): fix, then rerun. `main`
    /// exits with it for every error, as clap does for bad flags.
    pub const SETUP: i32 = 2;
    /// Articles are still to do: the server gave only transient failures for a whole retry
    /// budget. Rerun (the Job's retry) to resume.
    pub const INCOMPLETE: i32 = 3;
}

#[derive(Default)]
pub struct Tally {
    /// Results written by this run.
    pub ok: usize,
    pub failed: usize,
    /// Of those, how many replaced a recorded error.
    pub redone: usize,
}

/// Why a run stopped before the end of its shard.
pub enum Stop {
    GaveUp {
        article_id: String,
        last_error: String,
    },
    Fatal {
        article_id: String,
        error: String,
    },
}

/// The shard's state after a run.
#[derive(Debug, PartialEq, Eq)]
pub struct Summary {
    /// Recorded results kept without redoing them.
    pub skipped: usize,
    /// Articles with no final result, plus recorded errors meant to be redone but not reached.
    pub to_do: usize,
    /// Error results in the output.
    pub errors_in_output: usize,
}

impl Summary {
    /// `redoable`: how many recorded errors this run set out to redo.
    pub fn new(existing: &Existing, t: &Tally, total: usize, redoable: usize) -> Summary {
        let lines = existing.ids.len() + (t.ok + t.failed - t.redone);
        Summary {
            skipped: existing.ids.len() - t.redone,
            to_do: total.saturating_sub(lines) + (redoable - t.redone),
            errors_in_output: existing.failed() - t.redone + t.failed,
        }
    }

    pub fn exit_status(&self, stopped: bool, allow_errors: bool) -> i32 {
        if stopped || self.to_do > 0 {
            exit::INCOMPLETE
        } else if self.errors_in_output > 0 && !allow_errors {
            exit::COMPLETE_WITH_ERRORS
        } else {
            exit::COMPLETE
        }
    }

    /// What the run's outcome means, for the summary line.
    pub fn verdict(&self, stop: Option<&Stop>) -> String {
        match stop {
            None if self.errors_in_output == 0 => "complete".to_string(),
            None => format!(
                "complete; {} articles have permanent errors (--retry-failed redoes them)",
                self.errors_in_output
            ),
            Some(Stop::GaveUp {
                article_id,
                last_error,
            }) => format!(
                "incomplete: {} articles still to do; article {article_id:?} met only transient \
                 failures for the whole retry budget ({last_error}); rerun to resume",
                self.to_do
            ),
            Some(Stop::Fatal { article_id, error }) => format!(
                "stopped: the server refused article {article_id:?} in a way no retry fixes ({error}); \
                 {} articles still to do",
                self.to_do
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn existing(errors: &[bool]) -> Existing {
        Existing {
            ids: (0..errors.len()).map(|i| format!("a{i}")).collect(),
            error: errors.to_vec(),
            unfinished: vec![false; errors.len()],
            ..Default::default()
        }
    }

    #[test]
    fn a_finished_shard_exits_0_or_1_by_its_errors() {
        let t = Tally {
            ok: 8,
            ..Default::default()
        };
        let s = Summary::new(&existing(&[false, false]), &t, 10, 0);
        assert_eq!((s.skipped, s.to_do, s.errors_in_output), (2, 0, 0));
        assert_eq!(s.exit_status(false, false), exit::COMPLETE);

        let t = Tally {
            ok: 7,
            failed: 1,
            ..Default::default()
        };
        let s = Summary::new(&existing(&[false, true]), &t, 10, 0);
        assert_eq!((s.to_do, s.errors_in_output), (0, 2));
        assert_eq!(s.exit_status(false, false), exit::COMPLETE_WITH_ERRORS);
        assert_eq!(s.exit_status(false, true), exit::COMPLETE);
    }

    #[test]
    fn a_run_that_gave_up_exits_3_with_what_is_left() {
        let t = Tally {
            ok: 4,
            ..Default::default()
        };
        let s = Summary::new(&existing(&[]), &t, 10, 0);
        assert_eq!(s.to_do, 6);
        assert_eq!(s.exit_status(true, true), exit::INCOMPLETE);
    }

    #[test]
    fn errors_set_out_to_be_redone_but_not_reached_are_to_do() {
        // Two recorded errors; one redone (now ok), then the server stayed down.
        let t = Tally {
            ok: 1,
            redone: 1,
            ..Default::default()
        };
        let s = Summary::new(&existing(&[false, true, false, true]), &t, 4, 2);
        assert_eq!((s.skipped, s.to_do, s.errors_in_output), (3, 1, 1));
        assert_eq!(s.exit_status(true, false), exit::INCOMPLETE);
        // Without --retry-failed the same file is complete, with its two errors.
        let s = Summary::new(
            &existing(&[false, true, false, true]),
            &Tally::default(),
            4,
            0,
        );
        assert_eq!((s.to_do, s.errors_in_output), (0, 2));
    }
}
