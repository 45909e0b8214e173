// What must never reach a terminal from a server: finders for it in captured output, as text (an
// in-process run) or as the bytes a real process wrote.

/** A character a terminal would act on, as the output sink defines it (see src/cli/sink.ts). */
const UNSAFE_CHARACTER = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Each unsafe character in `text`, as `U+XXXX at <index>`; empty when there is none. */
export function unsafeCharacters(text: string): string[] {
  return [...text.matchAll(UNSAFE_CHARACTER)].map((match) => `U+${match[0].charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()} at ${match.index}`);
}

/**
 * Each raw control in UTF-8 output, as `0xNN at <offset>`: a byte 0x00–0x1f other than 0x0a, 0x7f,
 * a C1 control (0xc2 0x80–0x9f), or a bidi control (0xe2 0x80 0xaa–0xae, 0xe2 0x81 0xa6–0xa9).
 */
export function rawControlBytes(bytes: Uint8Array): string[] {
  const found: string[] = [];
  for (let offset = 0; offset < bytes.length; offset++) {
    const byte = bytes[offset] ?? 0;
    const next = bytes[offset + 1] ?? 0;
    const third = bytes[offset + 2] ?? 0;
    const hex = (value: number): string => `0x${value.toString(16).padStart(2, "0")}`;
    if ((byte < 0x20 && byte !== 0x0a) || byte === 0x7f) found.push(`${hex(byte)} at ${offset}`);
    else if (byte === 0xc2 && next >= 0x80 && next <= 0x9f) found.push(`${hex(byte)} ${hex(next)} at ${offset}`);
    else if (byte === 0xe2 && ((next === 0x80 && third >= 0xaa && third <= 0xae) || (next === 0x81 && third >= 0xa6 && third <= 0xa9))) {
      found.push(`${hex(byte)} ${hex(next)} ${hex(third)} at ${offset}`);
    }
  }
  return found;
}
