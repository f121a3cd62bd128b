/**
 * « @ » mentions in newsroom comments (issue 16 item 8). A member is mentioned by their login,
 * the part of their e-mail before « @ » (`@samira.alaoui`): unique enough in a newsroom, typed
 * without spaces, and what the autocomplete inserts whether the member was found by name or by
 * login. A trailing full stop ends the sentence, not the handle.
 */
const MENTION =
  /(^|[^A-Za-z0-9._+@-])@([A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*)/g;

/** The distinct handles `text` mentions, lower-cased, in order of appearance. */
export function mentionHandles(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(MENTION)) seen.add(m[2]!.toLowerCase());
  return [...seen];
}

/** A member's handle: their login, the e-mail before « @ ». */
export function handleOf(email: string): string {
  return email.slice(0, email.indexOf('@')).toLowerCase();
}

/** `text` cut into plain runs and mentions, for a view that escapes each run. */
export function splitMentions(
  text: string,
): { text: string; mention: boolean }[] {
  const parts: { text: string; mention: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(MENTION)) {
    const start = m.index + m[1]!.length;
    if (start > at) parts.push({ text: text.slice(at, start), mention: false });
    parts.push({ text: `@${m[2]}`, mention: true });
    at = start + m[2]!.length + 1;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mention: false });
  return parts;
}
