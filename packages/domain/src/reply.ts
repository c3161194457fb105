/** A bot reply: platform-neutral, `{type, content}` on REST, `bot_reply_<type>` on the WebSocket. */
import type { JsonValue } from './json';

export const REPLY_TYPES = ['str', 'markdown', 'options', 'file', 'image', 'location', 'json'] as const;
export type ReplyType = (typeof REPLY_TYPES)[number];

/** A file as BBF carries it: name, MIME type and base64 content. */
export interface FileData {
  name: string;
  type: string;
  base64: string;
}

export interface Location {
  latitude: number;
  longitude: number;
}

export type Reply =
  | { type: 'str'; content: string }
  | { type: 'markdown'; content: string }
  | { type: 'options'; content: string[] }
  | { type: 'file'; content: FileData }
  | { type: 'image'; content: FileData }
  | { type: 'location'; content: Location }
  | { type: 'json'; content: JsonValue };
