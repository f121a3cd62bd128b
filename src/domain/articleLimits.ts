/**
 * The longest article text a save accepts (about 30,000 words, far beyond any article). The
 * server refuses more with the text kept in the form; the editor script says so before sending.
 */
export const BODY_MAX_CHARS = 200_000;
