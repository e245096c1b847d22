/** Escaping text for HTML: every user-controlled string (symbol, file name) passes through here. */
import { neutralize } from '../../text.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe to put in HTML content and in quoted attributes, with control and bidirectional characters shown as `?`. */
export function escapeHtml(text: string): string {
  return neutralize(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
