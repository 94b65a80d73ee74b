//! Durations as call records write them.

/// A call's duration as a CDR writes it, in milliseconds: whole or
/// decimal seconds (`37`, `37.5`), or `H:MM:SS` / `M:SS` (`0:01:05`,
/// `1:05`, with decimal seconds allowed). Digits past the millisecond
/// round up: billing never bills less than the call. `None` for anything
/// else, negative durations included.
///
/// ```
/// use nanp_lerg::rating::duration_millis;
///
/// assert_eq!(duration_millis("37"), Some(37_000));
/// assert_eq!(duration_millis("37.25"), Some(37_250));
/// assert_eq!(duration_millis("1:02:03"), Some(3_723_000));
/// assert_eq!(duration_millis("2:03.5"), Some(123_500));
/// assert_eq!(duration_millis("0.0001"), Some(1));
/// assert_eq!(duration_millis("-5"), None);
/// assert_eq!(duration_millis("1:75"), None);
/// ```
pub fn duration_millis(text: &str) -> Option<u64> {
    let text = text.trim();
    let mut parts = text.rsplit(':');
    let seconds = seconds_millis(parts.next()?)?;
    let minutes = match parts.next() {
        None => return Some(seconds),
        Some(m) => whole(m)?,
    };
    if seconds >= 60_000 {
        return None;
    }
    let hours = match parts.next() {
        None => 0,
        Some(h) if minutes < 60 => whole(h)?,
        Some(_) => return None,
    };
    if parts.next().is_some() {
        return None;
    }
    hours
        .checked_mul(3_600_000)?
        .checked_add(minutes.checked_mul(60_000)?)?
        .checked_add(seconds)
}

fn whole(t: &str) -> Option<u64> {
    if t.is_empty() || t.len() > 12 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// `37`, `37.5`, `.5`: seconds with up to any decimals, in milliseconds
/// rounded up.
fn seconds_millis(t: &str) -> Option<u64> {
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let int = if int.is_empty() { 0 } else { whole(int)? };
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut millis = 0u64;
    for (i, b) in frac.bytes().take(3).enumerate() {
        millis += u64::from(b - b'0') * 10u64.pow(2 - i as u32);
    }
    let beyond = frac.bytes().skip(3).any(|b| b != b'0');
    int.checked_mul(1000)?
        .checked_add(millis + u64::from(beyond))
}
