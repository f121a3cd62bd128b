/**
 * The text/event-stream wire format (HTML Living Standard, "server-sent events"). Frames are
 * built once per event and written to every client as they are.
 */

export interface SseMessage {
  id: number;
  event: string;
  data: unknown;
}

/** One message. JSON never contains a raw newline, so `data` fits on one line. */
export function sseFrame(message: SseMessage): string {
  return `id: ${message.id}\nevent: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`;
}

/** A comment line: ignored by clients, keeps proxies and load balancers from timing out. */
export function sseComment(text = ''): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

/** How long the browser waits before reconnecting. */
export function sseRetry(ms: number): string {
  return `retry: ${Math.round(ms)}\n\n`;
}
