/**
 * The length of `s` in Unicode code points: how both sides count "characters" against the limits, so a text the
 * browser accepts is never refused by the server for its length, nor the other way round. JavaScript's own
 * `length` counts UTF-16 code units, in which a character outside the Basic Multilingual Plane (most emoji,
 * many CJK ideographs) counts twice. A lone surrogate counts as one code point, as the string iterator sees it.
 */
export function textLength(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      // A high surrogate followed by a low one is a single code point.
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/**
 * Whether `s` is `min` to `max` code points long ({@link textLength}). A code point is one or two UTF-16 units,
 * so `s.length` alone decides for most texts (at most `max` units and at least twice `min`); only the others
 * are counted.
 */
export function isTextLengthWithin(s: string, min: number, max: number): boolean {
  if (s.length <= max && s.length >= 2 * min) return true;
  if (s.length < min || s.length > 2 * max) return false;
  const length = textLength(s);
  return length >= min && length <= max;
}
