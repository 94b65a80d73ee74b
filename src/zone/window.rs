//! [`Window`]: the hours of the day, local to the called party, when a call
//! may be placed.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{time, Time};
use serde::{Serialize, Serializer};

/// The local hours when a call may be placed, from `start` to `end`, both
/// included: by default 08:00–21:00, the hours the US telemarketing rule
/// allows (no call "before 8 a.m. or after 9 p.m." local time, 47 CFR
/// 64.1200(c)(1)), so 21:00:00 is inside and 21:00:01 is not.
///
/// A window lies within one day: it starts before it ends and does not wrap
/// midnight. A rule that allows calls in the day cannot need one that
/// wraps, and `21:00-08:00` is far more often the two ends swapped by
/// mistake than a night window, so it is refused rather than guessed at.
///
/// `Display` and `FromStr` write and read `HH:MM-HH:MM` (seconds when they
/// are not zero: `08:00:30-21:00`); an hour may have one digit, and an en
/// dash may stand for the hyphen.
///
/// ```
/// use nanp_lerg::zone::Window;
/// use jiff::civil::time;
///
/// let window = Window::default();
/// assert_eq!(window.to_string(), "08:00-21:00");
/// assert!(window.contains(time(21, 0, 0, 0)));
/// assert!(!window.contains(time(21, 0, 1, 0)));
///
/// let evening: Window = "9:30-20:00".parse().unwrap();
/// assert_eq!((evening.start(), evening.end()), (time(9, 30, 0, 0), time(20, 0, 0, 0)));
/// assert!("21:00-08:00".parse::<Window>().is_err());
/// assert_eq!("8-21".parse::<Window>().unwrap_err().to_string(), "\"8-21\" is not a window: write it HH:MM-HH:MM, e.g. 08:00-21:00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    start: Time,
    end: Time,
}

/// Why a window cannot be built or read.
///
/// ```
/// use nanp_lerg::zone::{Window, WindowError};
///
/// let e = "21:00-08:00".parse::<Window>().unwrap_err();
/// assert!(matches!(e, WindowError::Backwards { .. }));
/// assert_eq!(e.to_string(), "the window 21:00-08:00 ends before it starts; a window lies within one day (did you mean 08:00-21:00?)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WindowError {
    /// The text is not `HH:MM-HH:MM`.
    #[error("{0:?} is not a window: write it HH:MM-HH:MM, e.g. 08:00-21:00")]
    Syntax(String),
    /// A time of day that does not exist (`25:00`, `08:61`).
    #[error("{0:?} is not a time of day (00:00 to 23:59:59)")]
    Time(String),
    /// The end is not after the start.
    #[error("the window {start}-{end} ends before it starts; a window lies within one day (did you mean {end}-{start}?)")]
    Backwards {
        /// The start, as written.
        start: String,
        /// The end, as written.
        end: String,
    },
    /// The start and the end are the same time.
    #[error("the window {start}-{start} is empty")]
    Empty {
        /// The start (and end), as written.
        start: String,
    },
}

impl Window {
    /// 08:00–21:00, the US telemarketing rule's hours: the default.
    ///
    /// ```
    /// use nanp_lerg::zone::Window;
    ///
    /// assert_eq!(Window::TELEMARKETING, Window::default());
    /// assert_eq!(Window::TELEMARKETING.to_string(), "08:00-21:00");
    /// ```
    pub const TELEMARKETING: Window = Window {
        start: time(8, 0, 0, 0),
        end: time(21, 0, 0, 0),
    };

    /// The window from `start` to `end`, both included.
    ///
    /// ```
    /// use jiff::civil::time;
    /// use nanp_lerg::zone::Window;
    ///
    /// let w = Window::new(time(9, 0, 0, 0), time(17, 0, 0, 0)).unwrap();
    /// assert_eq!(w.to_string(), "09:00-17:00");
    /// ```
    ///
    /// # Errors
    ///
    /// [`WindowError::Backwards`] when `end` is before `start` (a window
    /// does not wrap midnight), [`WindowError::Empty`] when they are equal.
    pub fn new(start: Time, end: Time) -> Result<Window, WindowError> {
        match start.cmp(&end) {
            std::cmp::Ordering::Less => Ok(Window { start, end }),
            std::cmp::Ordering::Equal => Err(WindowError::Empty {
                start: clock(start),
            }),
            std::cmp::Ordering::Greater => Err(WindowError::Backwards {
                start: clock(start),
                end: clock(end),
            }),
        }
    }

    /// The first time of day inside the window.
    ///
    /// ```
    /// assert_eq!(nanp_lerg::zone::Window::default().start(), jiff::civil::time(8, 0, 0, 0));
    /// ```
    pub fn start(self) -> Time {
        self.start
    }

    /// The last time of day inside the window.
    ///
    /// ```
    /// assert_eq!(nanp_lerg::zone::Window::default().end(), jiff::civil::time(21, 0, 0, 0));
    /// ```
    pub fn end(self) -> Time {
        self.end
    }

    /// Whether a local time of day is inside the window (ends included).
    ///
    /// ```
    /// use jiff::civil::time;
    ///
    /// let w = nanp_lerg::zone::Window::default();
    /// assert!(w.contains(time(8, 0, 0, 0)) && !w.contains(time(7, 59, 59, 999_999_999)));
    /// ```
    pub fn contains(self, local: Time) -> bool {
        self.start <= local && local <= self.end
    }
}

impl Default for Window {
    /// [`Window::TELEMARKETING`], 08:00–21:00.
    fn default() -> Window {
        Window::TELEMARKETING
    }
}

/// `HH:MM`, or `HH:MM:SS` when the seconds are not zero (fractions are
/// not written: a window set from text has none).
fn clock(t: Time) -> String {
    if t.second() == 0 && t.subsec_nanosecond() == 0 {
        format!("{:02}:{:02}", t.hour(), t.minute())
    } else {
        format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", clock(self.start), clock(self.end))
    }
}

/// `H:MM`, `HH:MM` or `HH:MM:SS`, one end of the window `whole`.
fn parse_clock(text: &str, whole: &str) -> Result<Time, WindowError> {
    let syntax = || WindowError::Syntax(whole.to_owned());
    let number = |part: &str| -> Result<i8, WindowError> {
        let digits = (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
        if digits {
            part.parse().map_err(|_| syntax())
        } else {
            Err(syntax())
        }
    };
    let parts: Vec<&str> = text.split(':').collect();
    let (hour, minute, second) = match parts[..] {
        [h, m] => (number(h)?, number(m)?, 0),
        [h, m, s] => (number(h)?, number(m)?, number(s)?),
        _ => return Err(syntax()),
    };
    Time::new(hour, minute, second, 0).map_err(|_| WindowError::Time(text.to_owned()))
}

impl FromStr for Window {
    type Err = WindowError;

    fn from_str(s: &str) -> Result<Window, WindowError> {
        let text = s.trim();
        let (start, end) = text
            .split_once(['-', '\u{2013}'])
            .ok_or_else(|| WindowError::Syntax(s.to_owned()))?;
        let start = parse_clock(start.trim(), s)?;
        let end = parse_clock(end.trim(), s)?;
        Window::new(start, end)
    }
}

impl Serialize for Window {
    /// As its text, `"08:00-21:00"`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
