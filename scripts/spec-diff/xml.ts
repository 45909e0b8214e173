// XML 1.0 text and attribute values for the JUnit report. What a change carries (descriptions,
// examples, names) comes from the spec and can hold anything, including characters XML 1.0
// cannot carry at all, not even as `&#1;`: C0 controls other than tab, newline and carriage
// return, lone surrogates, U+FFFE and U+FFFF. Those are written as the visible text `\u0001`,
// so a report stays well-formed and still says what was there.

// A carriage return is kept as a reference: a parser turns a literal one into a line feed.
const TEXT_ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" };
/** Attributes are written in double quotes; a tab or line break would be read back as a space. */
const ATTRIBUTE_ENTITIES: Readonly<Record<string, string>> = { ...TEXT_ENTITIES, '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;" };

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function escape(text: string, attribute: boolean): string {
  let out = "";
  // for…of walks code points, and yields a lone surrogate as itself.
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (!isXmlChar(code)) out += `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
    else out += (attribute ? ATTRIBUTE_ENTITIES : TEXT_ENTITIES)[char] ?? char;
  }
  return out;
}

/** Text content of an element. */
export function xmlText(text: string): string {
  return escape(text, false);
}

/** The value of an attribute (written in double quotes). */
export function xmlAttribute(text: string): string {
  return escape(text, true);
}
