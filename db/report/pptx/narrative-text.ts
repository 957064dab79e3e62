import { estimatedLines, lineHeight } from './slide-grid';

/**
 * A narrative's Markdown reduced to what a slide shows: headings, paragraphs, bulleted and numbered
 * items as plain text. Links keep their text with the address in brackets; emphasis marks are
 * dropped; anything else (raw HTML, images) stays literally as typed, since slide text is never markup.
 */
export interface NarrativeBlock {
  kind: 'heading' | 'paragraph' | 'bullet' | 'numbered';
  text: string;
  /** A numbered item's number within its list. */
  number?: number;
}

function plainInline(raw: string): string {
  return raw
    .replace(/!?\[([^\]]*)\]\(([^)\s]*)\)/g, (_m, label: string, url: string) => (url ? `${label} [${url}]` : label))
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1$2')
    .replace(/(^|\W)_([^_\s][^_]*)_(?=\W|$)/g, '$1$2');
}

/** The same block rules as the HTML report's Markdown (db/report/markdown.ts), so both show the same text. */
export function narrativeBlocks(markdown: string): NarrativeBlock[] {
  const blocks: NarrativeBlock[] = [];
  let paragraph: string[] = [];
  let listKind: 'bullet' | 'numbered' | undefined;
  let number = 0;
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: plainInline(paragraph.join(' ')) });
    paragraph = [];
  };
  const endList = () => {
    listKind = undefined;
    number = 0;
  };
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (line.trim() === '') {
      flush();
      endList();
    } else if (heading) {
      flush();
      endList();
      blocks.push({ kind: 'heading', text: plainInline(heading[2]!.replace(/\s+#+\s*$/, '')) });
    } else if (bullet || numbered) {
      flush();
      const kind = bullet ? 'bullet' : 'numbered';
      if (listKind !== kind) endList();
      listKind = kind;
      const text = plainInline((bullet ?? numbered)![1]!);
      blocks.push(kind === 'numbered' ? { kind, text, number: ++number } : { kind, text });
    } else if (listKind && /^\s+\S/.test(line)) {
      const last = blocks[blocks.length - 1]!;
      last.text += ` ${plainInline(line.trim())}`;
    } else {
      endList();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

export const narrativePoints = { body: 14, heading: 16 } as const;
/** Space after each paragraph, in points and inches. */
export const paragraphSpace = 6;
/** How far a bullet's text sits from the margin, in inches. */
export const bulletIndent = 0.3;

export function blockHeight(block: NarrativeBlock, width: number): number {
  const pt = block.kind === 'heading' ? narrativePoints.heading : narrativePoints.body;
  const w = block.kind === 'bullet' || block.kind === 'numbered' ? width - bulletIndent : width;
  return estimatedLines(block.text, w, pt, block.kind === 'heading') * lineHeight(pt) + paragraphSpace / 72;
}

/** A block too tall for a whole slide is cut between words into pieces that fit. */
function piecesThatFit(block: NarrativeBlock, width: number, room: number): NarrativeBlock[] {
  if (blockHeight(block, width) <= room) return [block];
  const pieces: NarrativeBlock[] = [];
  let words: string[] = [];
  for (const word of block.text.split(/\s+/)) {
    const next = [...words, word];
    if (words.length > 0 && blockHeight({ ...block, text: next.join(' ') }, width) > room) {
      pieces.push({ ...block, text: words.join(' ') });
      words = [word];
    } else words = next;
  }
  if (words.length > 0) pieces.push({ ...block, text: words.join(' ') });
  // Only the first piece of a list item carries its number or bullet.
  return pieces.map((piece, i) => (i === 0 ? piece : { kind: 'paragraph', text: piece.text }));
}

/** The blocks split into slides, each page's blocks fitting `room(page)` inches; a heading never ends a page. */
export function narrativePages(
  blocks: readonly NarrativeBlock[],
  width: number,
  room: (page: number) => number,
): NarrativeBlock[][] {
  const pages: NarrativeBlock[][] = [];
  let current: NarrativeBlock[] = [];
  let used = 0;
  const pieces = blocks.flatMap((block) => piecesThatFit(block, width, Math.min(room(0), room(1))));
  for (const block of pieces) {
    const h = blockHeight(block, width);
    if (current.length > 0 && used + h > room(pages.length)) {
      const last = current[current.length - 1]!;
      const carried = last.kind === 'heading' && current.length > 1 ? [current.pop()!] : [];
      pages.push(current);
      current = carried;
      used = carried.reduce((sum, b) => sum + blockHeight(b, width), 0);
    }
    current.push(block);
    used += h;
  }
  if (current.length > 0 || pages.length === 0) pages.push(current);
  return pages;
}
