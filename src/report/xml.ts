/**
 * XML escaping for the JUnit report. Hand-written because it is three regular expressions;
 * fast-xml-parser's builder would need our whole document as an object tree to do the same.
 */

// Characters XML 1.0 forbids outright (most C0 controls, lone surrogates, U+FFFE/FFFF).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const ATTR_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;" };

/** Text content: markup characters escaped, forbidden characters dropped. */
export function xmlText(value: string): string {
  return value.replace(INVALID, "").replace(/[&<>]/g, (ch) => TEXT_ESCAPES[ch]);
}

/** An attribute value (double-quoted); line breaks kept as references so parsers do not fold them. */
export function xmlAttr(value: string): string {
  return value.replace(INVALID, "").replace(/[&<>"\n\r\t]/g, (ch) => ATTR_ESCAPES[ch]);
}

/** `<name a="1" b="2"` with attributes escaped, in the order given. */
export function openTag(name: string, attrs: Record<string, string | number | undefined>): string {
  const parts = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`);
  return `<${name}${parts.join("")}`;
}
