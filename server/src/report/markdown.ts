/**
 * A small, safe Markdown → HTML renderer for the rule documentation embedded in the report (docs/rules/*.md, our own
 * text). Supports what those pages use: paragraphs (hard-wrapped lines are joined), `-`/`*` and `1.` lists (nested by
 * indentation, wrapped continuation lines), fenced code blocks (also indented inside list items), `###` headings, and
 * inline `code`, **bold**, *italic* and [links](https://…).
 *
 * Safety: every piece of text is HTML-escaped before markup is added; only `https:` link targets become `href`s
 * (relative links to other doc pages become plain text, since the report is one offline file). Linear time: one pass
 * over the lines, inline patterns without nested quantifiers.
 */
import { escapeHtml, safeHttpsUrl } from './escape';

/** Inline markup of one (already joined) line of text. */
export function inlineMarkdown(text: string): string {
  // Split out code spans first so their content is not formatted.
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => {
      if (i % 2 === 1) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      let s = escapeHtml(part);
      s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, url: string) => {
        const href = safeHttpsUrl(url.replace(/&amp;/g, '&'));
        return href ? `<a href="${escapeHtml(href)}">${label}</a>` : label;
      });
      s = s.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
      s = s.replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?![*\w])/g, '$1<em>$2</em>');
      return s;
    })
    .join('');
}

interface ListFrame {
  indent: number;
  ordered: boolean;
  /** Rendered items; the last one is open. */
  items: string[];
}

/** Renders a Markdown fragment (no front matter, no HTML in the source) to HTML. */
export function renderMarkdown(md: string): string {
  const out: string[] = [];
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  const lists: ListFrame[] = [];

  const sink = (html: string) => {
    if (lists.length) {
      const top = lists[lists.length - 1];
      top.items[top.items.length - 1] += html;
    } else out.push(html);
  };
  const flushPara = () => {
    if (!para.length) return;
    const html = inlineMarkdown(para.join(' '));
    para = [];
    // Inside a list item, the item's first text is not wrapped in <p>.
    if (lists.length) {
      const top = lists[lists.length - 1];
      const cur = top.items[top.items.length - 1];
      top.items[top.items.length - 1] = cur === '' ? html : cur + `<p>${html}</p>`;
    } else out.push(`<p>${html}</p>`);
  };
  const closeList = () => {
    flushPara();
    const top = lists.pop()!;
    const tag = top.ordered ? 'ol' : 'ul';
    sink(`<${tag}>${top.items.map((it) => `<li>${it}</li>`).join('')}</${tag}>`);
  };
  const closeListsDeeperThan = (indent: number) => {
    while (lists.length && lists[lists.length - 1].indent > indent) closeList();
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = line.length - line.trimStart().length;
    const t = line.trim();
    if (t === '') {
      flushPara();
      continue;
    }
    if (t.startsWith('```')) {
      flushPara();
      // A fence at or left of a list's marker ends that list.
      if (lists.length && indent <= lists[lists.length - 1].indent) closeListsDeeperThan(indent - 1);
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i].trim().startsWith('```'); i++) body.push(lines[i].slice(Math.min(indent, lines[i].length - lines[i].trimStart().length)));
      sink(`<pre><code>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{2,6})\s+(.*)$/.exec(t);
    if (heading && indent === 0) {
      flushPara();
      while (lists.length) closeList();
      out.push(`<h5>${inlineMarkdown(heading[2])}</h5>`);
      continue;
    }
    const item = /^([-*]|\d+\.)\s+(.*)$/.exec(t);
    if (item) {
      flushPara();
      const ordered = item[1] !== '-' && item[1] !== '*';
      closeListsDeeperThan(indent);
      const top = lists[lists.length - 1];
      if (top && top.indent === indent && top.ordered !== ordered) closeList();
      if (!lists.length || lists[lists.length - 1].indent < indent) lists.push({ indent, ordered, items: [] });
      lists[lists.length - 1].items.push('');
      para.push(item[2]);
      continue;
    }
    // Text: a continuation of the open paragraph or list item, or (unindented, after a blank line) a new paragraph.
    if (lists.length && indent === 0 && para.length === 0) while (lists.length) closeList();
    para.push(t);
  }
  flushPara();
  while (lists.length) closeList();
  return out.join('');
}
