/*
 * The markdown subset bot replies may use, rendered as DOM nodes (never as HTML, so any markup in a reply stays
 * text): paragraphs and line breaks, `-`/`1.` lists, ``` code blocks, **bold**, *italic* or _italic_, `code`,
 * and [links](https://…) restricted to http, https and mailto. A heading's `#` marks are dropped.
 */
import { element } from './dom.js';

const SAFE_LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'];
const FENCE = /```[^\n]*\n([\s\S]*?)```/g;
const BULLET = /^\s*[-*+]\s+/;
const NUMBERED = /^\s*\d+[.)]\s+/;
// Italic markers only count at word edges, so snake_case_names and 2*3*4 stay as they are.
const INLINE =
  /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|(?<!\w)\*([^*\s](?:[^*]*[^*\s])?)\*(?!\w)|(?<!\w)_([^_\s](?:[^_]*[^_\s])?)_(?!\w)/g;

export function renderMarkdown(source) {
  const fragment = document.createDocumentFragment();
  const text = source.replace(/\r\n?/g, '\n');
  let last = 0;
  for (const match of text.matchAll(FENCE)) {
    appendBlocks(fragment, text.slice(last, match.index));
    const pre = element('pre', 'code-block');
    pre.append(element('code', '', match[1]));
    fragment.append(pre);
    last = match.index + match[0].length;
  }
  appendBlocks(fragment, text.slice(last));
  return fragment;
}

function appendBlocks(parent, text) {
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((line) => line.trim() !== '');
    if (lines.length === 0) continue;
    if (lines.every((line) => BULLET.test(line))) parent.append(list('ul', lines, BULLET));
    else if (lines.every((line) => NUMBERED.test(line))) parent.append(list('ol', lines, NUMBERED));
    else parent.append(paragraph(lines));
  }
}

function list(tag, lines, marker) {
  const node = element(tag);
  for (const line of lines) node.append(inline(element('li'), line.replace(marker, '')));
  return node;
}

function paragraph(lines) {
  const node = element('p');
  lines.forEach((line, index) => {
    if (index > 0) node.append(element('br'));
    inline(node, line.replace(/^#{1,6}\s+/, ''));
  });
  return node;
}

function inline(parent, text) {
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    parent.append(text.slice(last, match.index), inlineNode(match));
    last = match.index + match[0].length;
  }
  parent.append(text.slice(last));
  return parent;
}

function inlineNode([whole, bold, code, label, href, starItalic, underscoreItalic]) {
  if (bold !== undefined) return inline(element('strong'), bold);
  if (code !== undefined) return element('code', '', code);
  if (label !== undefined) return link(label, href) || whole;
  return inline(element('em'), starItalic !== undefined ? starItalic : underscoreItalic);
}

/** A link only for http, https and mailto targets; anything else (javascript:, data:) stays plain text. */
function link(label, href) {
  let url;
  try {
    url = new URL(href, location.href);
  } catch {
    return null;
  }
  if (!SAFE_LINK_PROTOCOLS.includes(url.protocol)) return null;
  const node = inline(element('a'), label);
  node.href = url.href;
  node.target = '_blank';
  node.rel = 'noopener noreferrer';
  return node;
}
