/**
 * XML templates, escaped by default like the HTML ones: `xml` escapes every interpolated value
 * and drops characters XML 1.0 forbids (control characters, lone surrogates), which would make
 * a whole feed unreadable because of one pasted headline. Already-rendered XML is marked with
 * `rawXml()` or is a nested `xml` result.
 */
export class RawXml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** Marks a string as rendered XML, to be inserted as is. */
export function rawXml(value: string): RawXml {
  return new RawXml(value);
}

const FORBIDDEN = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text or attribute value, safe anywhere in an XML document. */
export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Text without XML's forbidden characters, for JSON documents built from the same data. */
export function xmlSafeText(text: string): string {
  return text.replace(FORBIDDEN, '');
}

type XmlValue = string | number | RawXml | readonly RawXml[] | null | undefined;

/** Tagged template: values are escaped; `RawXml` (and arrays of it) are inserted as they are. */
export function xml(
  strings: TemplateStringsArray,
  ...values: XmlValue[]
): RawXml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v instanceof RawXml) out += v.value;
    else if (Array.isArray(v))
      for (const part of v as readonly RawXml[]) out += part.value;
    else if (v !== null && v !== undefined) out += escapeXml(String(v));
    out += strings[i + 1]!;
  }
  return new RawXml(out);
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
