//! Inputs and outputs, with the rules for files the user owns: `-` is
//! standard input or output; an output never names an input (same path,
//! symlink or hard link: refused before anything is read or written); every
//! output path is checked, by creating its temporary file beside it, before
//! the first row is read; and an output replaces its file only when the run
//! commits, so a failed run leaves the user's files as they were.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use crate::error::CliError;

/// What `-` means for an input or an output.
pub const STDIO: &str = "-";

/// An input file, or standard input.
pub struct Input {
    /// The name used in messages (`<stdin>` for standard input).
    pub name: String,
    pub reader: Box<dyn Read>,
}

/// Opens `arg`: `-` is standard input.
pub fn open_input(arg: &Path) -> Result<Input, CliError> {
    if arg == Path::new(STDIO) {
        return Ok(Input {
            name: "<stdin>".to_owned(),
            reader: Box::new(io::stdin().lock()),
        });
    }
    let name = arg.display().to_string();
    if arg.is_dir() {
        return Err(CliError::Usage(format!(
            "{name} is a directory, not a file"
        )));
    }
    let file = File::open(arg).map_err(|e| CliError::io(&name, e))?;
    Ok(Input {
        name,
        reader: Box::new(BufReader::with_capacity(1 << 16, file)),
    })
}

/// Who a file is: its device and inode where the platform has them, and its
/// canonical path.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    canonical: Option<PathBuf>,
    #[cfg(unix)]
    inode: Option<(u64, u64)>,
}

impl Identity {
    fn of(path: &Path) -> Identity {
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
        };
        Identity {
            canonical: std::fs::canonicalize(path).ok(),
            #[cfg(unix)]
            inode,
        }
    }

    fn same_as(&self, other: &Identity) -> bool {
        #[cfg(unix)]
        if let (Some(a), Some(b)) = (self.inode, other.inode) {
            return a == b;
        }
        self.canonical.is_some() && self.canonical == other.canonical
    }
}

/// Whether the run writes a file, renamed into place when it ends.
static WRITES_FILES: AtomicBool = AtomicBool::new(false);

/// Standard output, which its reader may close (`| head`). A run that
/// writes no file then stops, quietly (main's closed-pipe case); one that
/// writes files goes on with standard output discarded, so that the files
/// asked for are still written whole.
pub struct Stdout<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> Stdout<W> {
    pub fn new(inner: W) -> Self {
        Stdout {
            inner,
            closed: false,
        }
    }

    fn closed_pipe<T>(&mut self, result: io::Result<T>, discarded: T) -> io::Result<T> {
        match result {
            Err(e)
                if e.kind() == io::ErrorKind::BrokenPipe
                    && WRITES_FILES.load(Ordering::Relaxed) =>
            {
                self.closed = true;
                Ok(discarded)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let written = self.inner.write(buf);
        self.closed_pipe(written, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let flushed = self.inner.flush();
        self.closed_pipe(flushed, ())
    }
}

/// The temporary files of the outputs being written, for
/// [`remove_partials`] to delete when the run is interrupted.
static PARTIALS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn partials() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PARTIALS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Deletes every temporary output file not yet renamed into place: what a
/// run interrupted by a signal leaves behind otherwise.
pub fn remove_partials() {
    for path in partials().drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// The outputs of one run: planned and checked up front, written to
/// temporary files beside their targets, renamed into place on
/// [`Outputs::commit`].
pub struct Outputs {
    inputs: Vec<(String, Identity)>,
    planned: Vec<Planned>,
    stdout_taken: bool,
}

struct Planned {
    arg: String,
    target: PathBuf,
    identity: Identity,
    /// `None` for a device or pipe, written in place.
    temp: Option<tempfile::NamedTempFile>,
}

/// Where one output goes.
pub enum Sink {
    /// Standard output.
    Stdout,
    /// A temporary file, renamed into place on commit.
    File(Named<BufWriter<File>>),
}

/// A writer whose errors name its file, keeping their kind.
pub struct Named<W> {
    name: String,
    inner: W,
}

impl<W: Write> Named<W> {
    fn label(&self, e: io::Error) -> io::Error {
        io::Error::new(e.kind(), format!("{}: {e}", self.name))
    }
}

impl<W: Write> Write for Named<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf).map_err(|e| self.label(e))
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf).map_err(|e| self.label(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(|e| self.label(e))
    }
}

impl Outputs {
    /// Outputs for a run reading `inputs` (files; `-` is ignored).
    pub fn new<'a>(inputs: impl IntoIterator<Item = &'a Path>) -> Outputs {
        Outputs {
            inputs: inputs
                .into_iter()
                .filter(|p| *p != Path::new(STDIO))
                .map(|p| (p.display().to_string(), Identity::of(p)))
                .collect(),
            planned: Vec::new(),
            stdout_taken: false,
        }
    }

    /// Plans the output `arg` (`-` is standard output). Refuses one that
    /// names an input, another output, or a directory, and one whose
    /// directory cannot take a new file: all before anything is read.
    pub fn create(&mut self, arg: &Path, what: &str) -> Result<Sink, CliError> {
        let name = arg.display().to_string();
        let descriptor = descriptor(arg);
        if arg == Path::new(STDIO) || descriptor == Some(1) {
            if self.stdout_taken {
                return Err(CliError::Usage(format!(
                    "{what}: only one output can be standard output (-)"
                )));
            }
            self.stdout_taken = true;
            return Ok(Sink::Stdout);
        }
        if arg.is_dir() {
            return Err(CliError::Usage(format!(
                "{what} {name} is a directory; name a file"
            )));
        }
        let identity = Identity::of(arg);
        if let Some((input, _)) = self.inputs.iter().find(|(_, id)| id.same_as(&identity)) {
            return Err(CliError::Usage(format!(
                "{what} {name} is the input {input}: refusing to write over it (nothing written)"
            )));
        }
        // A link is followed: the file it names is replaced, the link kept.
        let target = std::fs::canonicalize(arg).unwrap_or_else(|_| absolute(arg));
        if let Some(other) = self
            .planned
            .iter()
            .find(|p| p.identity.same_as(&identity) || p.target == target)
        {
            return Err(CliError::Usage(format!(
                "{what} {name} is also the output {}; name different files",
                other.arg
            )));
        }
        if let Some(fd) = descriptor {
            // Already open, perhaps by a shell's `2>> log`: written where
            // it points, never a file replaced (which would lose what the
            // file held before).
            let file =
                open_descriptor(fd, arg).map_err(|e| CliError::io(&format!("{what} {name}"), e))?;
            return Ok(self.in_place(name, target, identity, file));
        }
        let existing = std::fs::metadata(&target).ok();
        if existing.as_ref().is_some_and(|m| !m.is_file()) {
            // A device or a pipe (`-o /dev/null`, a FIFO) is written in
            // place: there is nothing to keep and nothing to rename over.
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(|e| CliError::io(&format!("{what} {name}"), e))?;
            return Ok(self.in_place(name, target, identity, file));
        }
        let dir = match target.parent() {
            Some(d) => d.to_path_buf(),
            None => PathBuf::from("."),
        };
        if !dir.is_dir() {
            return Err(CliError::Usage(format!(
                "{what} {name}: the directory {} does not exist",
                dir.display()
            )));
        }
        let mut builder = tempfile::Builder::new();
        builder.prefix(".nanp-").suffix(".partial");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // As a plain create would: 0666 less the umask.
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(&dir).map_err(|e| {
            // tempfile names its own file in the message; name the user's.
            let e = std::io::Error::new(
                e.kind(),
                format!("cannot create a file in {}: {}", dir.display(), e.kind()),
            );
            CliError::io(&format!("{what} {name}"), e)
        })?;
        if let Some(meta) = existing {
            // A replaced file keeps its permissions.
            let _ = temp.as_file().set_permissions(meta.permissions());
        }
        let file = temp
            .as_file()
            .try_clone()
            .map_err(|e| CliError::io(&name, e))?;
        partials().push(temp.path().to_path_buf());
        WRITES_FILES.store(true, Ordering::Relaxed);
        self.planned.push(Planned {
            arg: name.clone(),
            target,
            identity,
            temp: Some(temp),
        });
        Ok(Sink::File(Named {
            name,
            inner: BufWriter::with_capacity(1 << 16, file),
        }))
    }

    /// [`Outputs::create`] for an output option that may be absent.
    pub fn create_optional(
        &mut self,
        arg: Option<&Path>,
        what: &str,
    ) -> Result<Option<Sink>, CliError> {
        arg.map(|path| self.create(path, what)).transpose()
    }

    /// An output written where it is (a device, a pipe, an open
    /// descriptor): nothing to rename on commit.
    fn in_place(&mut self, name: String, target: PathBuf, identity: Identity, file: File) -> Sink {
        self.planned.push(Planned {
            arg: name.clone(),
            target,
            identity,
            temp: None,
        });
        Sink::File(Named {
            name,
            inner: BufWriter::with_capacity(1 << 16, file),
        })
    }

    /// Flushes `sinks` (every sink this run created; `None` for an option
    /// not given), then renames every output into place. Dropping
    /// `Outputs` instead deletes the temporary files.
    pub fn commit(mut self, sinks: impl IntoIterator<Item = Option<Sink>>) -> Result<(), CliError> {
        for sink in sinks.into_iter().flatten() {
            sink.finish()?;
        }
        // Held through every rename: a signal's handler waits for it, so an
        // interrupt lets the renames finish, and the outputs are never part
        // this run's and part an earlier one's.
        let mut registry = partials();
        for p in std::mem::take(&mut self.planned) {
            if let Some(temp) = p.temp {
                let path = temp.path().to_path_buf();
                let persisted = temp.persist(&p.target);
                registry.retain(|q| *q != path);
                persisted.map_err(|e| CliError::io(&p.arg, e.error))?;
            }
        }
        Ok(())
    }
}

impl Drop for Outputs {
    /// The temporary files not renamed are deleted (by `tempfile`), and
    /// forgotten here.
    fn drop(&mut self) {
        let temps: Vec<&Path> = self
            .planned
            .iter()
            .filter_map(|p| p.temp.as_ref().map(|t| t.path()))
            .collect();
        partials().retain(|q| !temps.contains(&q.as_path()));
    }
}

/// The open descriptor a path names (`/dev/stdout`, `/dev/stderr`,
/// `/dev/fd/N`, `/proc/self/fd/N`), if it names one.
fn descriptor(path: &Path) -> Option<u32> {
    match path.to_str()? {
        "/dev/stdin" => Some(0),
        "/dev/stdout" => Some(1),
        "/dev/stderr" => Some(2),
        p => p
            .strip_prefix("/dev/fd/")
            .or_else(|| p.strip_prefix("/proc/self/fd/"))?
            .parse()
            .ok(),
    }
}

/// The descriptor `fd` (named `path`) to write to. Standard error is
/// shared, position and all, with the messages written to it; another is
/// opened again to append, after what it holds.
fn open_descriptor(fd: u32, path: &Path) -> io::Result<File> {
    #[cfg(unix)]
    if fd == 2 {
        use std::os::fd::AsFd;
        return Ok(File::from(io::stderr().as_fd().try_clone_to_owned()?));
    }
    let _ = fd;
    std::fs::OpenOptions::new().append(true).open(path)
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The writers of a run's outputs, at most one of them standard output.
pub struct Writers<'a> {
    pub rows: &'a mut dyn Write,
    pub rejects: Option<&'a mut dyn Write>,
    pub summary: Option<&'a mut dyn Write>,
    /// Whether standard output is left for the human summary.
    pub stdout_free: bool,
}

/// Opens the writers of the rows, rejects and summary sinks, giving
/// standard output (`out`) to the one that is `-`.
pub fn writers<'a>(
    out: &'a mut dyn Write,
    rows: &'a mut Sink,
    rejects: Option<&'a mut Sink>,
    summary: Option<&'a mut Sink>,
) -> Result<Writers<'a>, CliError> {
    let mut stdout = Some(out);
    let rows = rows.writer(&mut stdout)?;
    let rejects = rejects.map(|s| s.writer(&mut stdout)).transpose()?;
    let summary = summary.map(|s| s.writer(&mut stdout)).transpose()?;
    Ok(Writers {
        rows,
        rejects,
        summary,
        stdout_free: stdout.is_some(),
    })
}

/// Prints a command's human summary: on standard output, unless one of
/// the run's outputs took it (`-o -`), then on standard error.
pub fn print_summary(out: &mut dyn Write, stdout_free: bool, text: &str) -> Result<(), CliError> {
    if stdout_free {
        write!(out, "{text}")?;
    } else {
        let _ = write!(std::io::stderr(), "{text}");
    }
    Ok(())
}

impl Sink {
    /// The writer of this sink. Standard output is taken from `stdout`,
    /// which only one sink of a run can be (see [`Outputs::create`]).
    pub fn writer<'a>(
        &'a mut self,
        stdout: &mut Option<&'a mut dyn Write>,
    ) -> Result<&'a mut dyn Write, CliError> {
        match self {
            Sink::Stdout => stdout.take().ok_or_else(|| {
                CliError::Usage("only one output can be standard output (-)".into())
            }),
            Sink::File(w) => Ok(w),
        }
    }

    /// Whether this is standard output.
    pub fn is_stdout(&self) -> bool {
        matches!(self, Sink::Stdout)
    }

    /// Flushes a file sink (standard output is flushed by `main`).
    fn finish(self) -> Result<(), CliError> {
        match self {
            Sink::Stdout => Ok(()),
            Sink::File(mut w) => w.flush().map_err(CliError::from),
        }
    }
}
