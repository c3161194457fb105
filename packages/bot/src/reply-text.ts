/** The plain-text rendering of a reply: what session.chatHistory shows and the history's `text` column keeps. */
import type { Reply } from '@parley/domain';

export function replyText(reply: Reply): string {
  switch (reply.type) {
    case 'str':
    case 'markdown':
      return reply.content;
    case 'options':
      return reply.content.join(' | ');
    case 'file':
    case 'image':
      return reply.content.name;
    case 'location':
      return `${reply.content.latitude}, ${reply.content.longitude}`;
    case 'json':
      return JSON.stringify(reply.content);
  }
}
