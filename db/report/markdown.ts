/**
 * A deliberately tiny Markdown subset for a report's narrative: headings (#, ##, ###), paragraphs,
 * *emphasis* and **strong**, bulleted and numbered lists, and links shown as their text with the
 * address in brackets (never a live link). Everything else is text: every character the reader
 * typed is escaped, so raw HTML, images and remote references can never reach the page.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Inline markup on already-escaped text: links first (their address is printed, not followed), then emphasis. */
function inline(raw: string): string {
  let html = escapeHtml(raw);
  html = html.replace(/!?\[([^\]]*)\]\(([^)\s]*)\)/g, (_m, label: string, url: string) => (url ? `${label} [${url}]` : label));
  html = html.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  html = html.replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
  html = html.replace(/(^|\W)_([^_\s][^_]*)_(?=\W|$)/g, '$1<em>$2</em>');
  return html;
}

type Block = { kind: 'p'; lines: string[] } | { kind: 'ul' | 'ol'; items: string[] };

export function renderMarkdown(markdown: string): string {
  const out: string[] = [];
  let block: Block | undefined;
  const flush = () => {
    if (!block) return;
    if (block.kind === 'p') out.push(`<p>${block.lines.map(inline).join(' ')}</p>`);
    else out.push(`<${block.kind}>${block.items.map((item) => `<li>${inline(item)}</li>`).join('')}</${block.kind}>`);
    block = undefined;
  };
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (line.trim() === '') flush();
    else if (heading) {
      flush();
      // A report's own headings are h2; narrative headings sit below them.
      const level = heading[1]!.length + 2;
      out.push(`<h${level}>${inline(heading[2]!.replace(/\s+#+\s*$/, ''))}</h${level}>`);
    } else if (bullet || numbered) {
      const kind = bullet ? 'ul' : 'ol';
      if (block?.kind !== kind) flush();
      if (!block) block = { kind, items: [] };
      if (block.kind !== 'p') block.items.push((bullet ?? numbered)![1]!);
    } else if (block && block.kind !== 'p' && /^\s+\S/.test(line)) {
      block.items[block.items.length - 1] += ` ${line.trim()}`;
    } else {
      if (block?.kind !== 'p') flush();
      if (!block) block = { kind: 'p', lines: [] };
      if (block.kind === 'p') block.lines.push(line.trim());
    }
  }
  flush();
  return out.join('\n');
}
