/**
 * User text made harmless wherever dyna shows or writes it: the one place for
 * the characters that must not pass through raw (controls, which can move a
 * terminal's cursor or recolour it, and the invisible or bidirectional
 * formatting marks, which can make a name read backwards, as in "Trojan
 * Source") and for how long a value quoted in a message may be.
 */

/**
 * C0 controls but the newline, DEL, C1 controls, the Arabic letter mark,
 * zero-width spaces and joiners, the left-to-right and right-to-left marks,
 * the line and paragraph separators, the bidirectional embeddings, overrides
 * and isolates (U+202A-E, U+2066-9), invisible operators (U+2060-4), the
 * byte-order mark and the interlinear annotation marks.
 */
export const UNSAFE_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

/** The most characters of a user's value a message quotes. */
export const MAX_QUOTED = 60;

/** `text` with every unsafe character shown as `?` (newlines stay: callers that need one line quote instead). */
export function neutralize(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, '?');
}

/** A user's value as a message quotes it: neutralized, newlines included, and cut to `max` characters with "...". */
export function clip(text: string, max = MAX_QUOTED): string {
  const safe = neutralize(text).replace(/\n/g, '?');
  if (safe.length <= max) return safe;
  // Never cut a surrogate pair in two.
  const end = /[\ud800-\udbff]/.test(safe[max - 1]) ? max - 1 : max;
  return `${safe.slice(0, end)}...`;
}

/** Any value as a message quotes it: as JSON (strings in double quotes), then clipped. */
export function quoted(value: unknown, max = MAX_QUOTED): string {
  const text = typeof value === 'number' || typeof value === 'bigint' || value === undefined ? String(value) : (JSON.stringify(value) ?? String(value));
  return clip(text, max);
}

/** `"text"`, clipped: a user's string in a message. */
export function quote(text: string, max = MAX_QUOTED): string {
  return `"${clip(text, max)}"`;
}
