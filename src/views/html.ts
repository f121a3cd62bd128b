/**
 * Templates are tagged template literals: `html` escapes every interpolated value. A value that
 * is already HTML (a nested template, a sanitised body) must be marked with `!${…}` — the only
 * way to emit unescaped markup, and easy to grep for in review.
 */
export { html } from 'ghtml';
