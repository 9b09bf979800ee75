import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/**
 * Pasting from Word, LibreOffice (and Google Docs): their clipboard HTML carries the document's
 * look — fonts, sizes, margins, classes, colour — that a section does not hold, and Word writes
 * its lists as paragraphs with the number typed in front ("1." in a `mso-list:Ignore` span).
 * Before the editor parses a paste, this turns Word's list paragraphs into real lists, its
 * title and heading styles into headings, bold and italic given by style into their tags, and
 * drops every style, class, font, empty span, Office-only element and table column width
 * (which the editor would store and draw with an inline style the page's CSP refuses).
 * Headings, lists, bold/italic/underline/strike, links and tables stay.
 */
export function cleanPastedHtml(html: string): string {
  const document = new DOMParser().parseFromString(html, 'text/html');
  const body = document.body;
  removeOfficeOnly(body);
  wordHeadings(body);
  wordLists(body);
  for (const element of [...body.querySelectorAll('*')]) styleToTags(element);
  for (const element of [...body.querySelectorAll('*')]) keepMeaningOnly(element);
  dropSpacingParagraphs(body);
  return body.innerHTML;
}

/** The paste transform as an editor extension (no schema of its own). */
export const PasteFromWord = Extension.create({
  name: 'pasteFromWord',
  addProseMirrorPlugins() {
    return [new Plugin({ key: new PluginKey('pasteFromWord'), props: { transformPastedHTML: cleanPastedHtml } })];
  },
});

/** Word's conditional comments, `<o:p>`, `<style>`, `<meta>`, images pointing into the writer's disk … */
function removeOfficeOnly(body: HTMLElement): void {
  const walker = body.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) comments.push(node);
  comments.forEach((comment) => comment.parentNode?.removeChild(comment));
  for (const element of [...body.querySelectorAll('*')]) {
    const name = element.localName;
    if (name.includes(':') || ['style', 'meta', 'link', 'script', 'xml', 'img', 'colgroup', 'col'].includes(name)) {
      // Word's <o:p> holds only a non-breaking space (an empty paragraph's), never text of its own.
      element.remove();
    }
  }
}

const WORD_HEADING = /^Mso(Heading([1-6])|Title|Subtitle)\b/;

/** `<p class=MsoTitle>`, `<p class=MsoHeading2>` … as the headings they are. */
function wordHeadings(body: HTMLElement): void {
  for (const paragraph of [...body.querySelectorAll('p[class]')]) {
    const match = WORD_HEADING.exec(paragraph.className);
    if (!match) continue;
    const level = match[2] ? Number(match[2]) : match[1] === 'Title' ? 1 : 2;
    rename(paragraph, `h${level}`);
  }
}

interface WordListParagraph {
  paragraph: HTMLElement;
  level: number;
  ordered: boolean;
}

const MSO_LIST = /mso-list:\s*l(\d+)\s+level(\d+)/i;
/** A typed number: "1.", "a)", "iv.", "(2)". Anything else (·, o, §, –) is a bullet. */
const ORDERED_MARKER = /^\(?([0-9]+|[a-z]|[ivxlcdm]+)[.)]$/i;

/** A Word list paragraph: its level and kind, with the typed marker taken out. */
function wordListParagraph(element: Element): WordListParagraph | null {
  if (element.localName !== 'p') return null;
  const style = element.getAttribute('style') ?? '';
  const list = MSO_LIST.exec(style);
  if (!list && !/^MsoListParagraph/.test(element.className)) return null;
  const marker = [...element.querySelectorAll('span[style]')].find((span) =>
    /mso-list:\s*ignore/i.test(span.getAttribute('style') ?? ''),
  );
  const markerText = (marker?.textContent ?? '').replace(/\s|\u00a0/g, '');
  marker?.remove();
  return {
    paragraph: element as HTMLElement,
    level: list ? Number(list[2]) : 1,
    ordered: ORDERED_MARKER.test(markerText),
  };
}

/**
 * Runs of Word list paragraphs as nested `<ol>`/`<ul>`: a deeper level opens a list inside the
 * last item, a shallower one closes back to it.
 */
function wordLists(body: HTMLElement): void {
  for (const container of [body, ...body.querySelectorAll('div, td, th, blockquote')]) {
    let stack: Array<{ list: HTMLElement; level: number }> = [];
    for (const child of [...container.children]) {
      const item = wordListParagraph(child);
      if (!item) {
        stack = [];
        continue;
      }
      while (stack.length > 0 && stack.at(-1)!.level > item.level) stack.pop();
      let top = stack.at(-1);
      const kind = item.ordered ? 'ol' : 'ul';
      if (!top || top.level < item.level || top.list.localName !== kind) {
        const list = container.ownerDocument.createElement(kind);
        if (top && top.level < item.level) {
          const lastItem =
            top.list.lastElementChild ?? top.list.appendChild(container.ownerDocument.createElement('li'));
          lastItem.appendChild(list);
        } else {
          if (top) stack.pop();
          child.before(list);
        }
        top = { list, level: item.level };
        stack.push(top);
      }
      const listItem = container.ownerDocument.createElement('li');
      const paragraph = container.ownerDocument.createElement('p');
      paragraph.append(...item.paragraph.childNodes);
      listItem.appendChild(paragraph);
      top.list.appendChild(listItem);
      item.paragraph.remove();
    }
  }
}

/** Bold, italic, underline and strike given by style (Google Docs, some LibreOffice spans) as tags. */
function styleToTags(element: Element): void {
  if (!(element instanceof HTMLElement)) return;
  const style = element.style;
  const weight = style.fontWeight;
  // Google Docs wraps a whole paste in <b style="font-weight:normal">: not bold.
  if ((element.localName === 'b' || element.localName === 'strong') && (weight === 'normal' || weight === '400')) {
    unwrap(element);
    return;
  }
  if (element.localName !== 'span') return;
  const wraps: string[] = [];
  if (weight === 'bold' || Number(weight) >= 600) wraps.push('strong');
  if (style.fontStyle === 'italic') wraps.push('em');
  const decoration = `${style.textDecoration} ${style.textDecorationLine}`;
  if (decoration.includes('underline')) wraps.push('u');
  if (decoration.includes('line-through')) wraps.push('s');
  for (const tag of wraps) {
    const wrapper = element.ownerDocument.createElement(tag);
    wrapper.append(...element.childNodes);
    element.appendChild(wrapper);
  }
}

/** The attributes that carry meaning here; every other (style, class, lang, width, align …) goes. */
const KEPT_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
  ol: ['start'],
};

/** Spans, fonts and Word's section divs carry only looks: their content stays, they go. */
const UNWRAPPED = new Set(['span', 'font', 'div', 'section', 'article', 'center', 'sup', 'sub']);

function keepMeaningOnly(element: Element): void {
  const kept = KEPT_ATTRIBUTES[element.localName] ?? [];
  for (const attribute of [...element.attributes]) {
    if (!kept.includes(attribute.name)) element.removeAttribute(attribute.name);
  }
  // A bookmark (<a name="_Toc…">) or a link into the document itself is no link.
  if (element.localName === 'a' && !/^(https?:|mailto:)/i.test(element.getAttribute('href') ?? '')) unwrap(element);
  else if (UNWRAPPED.has(element.localName)) unwrap(element);
}

/**
 * Empty paragraphs (Word's hold a non-breaking space, LibreOffice's a <br>) are the document's
 * spacing, not text; a table cell or list item keeps its own.
 */
function dropSpacingParagraphs(body: HTMLElement): void {
  for (const paragraph of [...body.querySelectorAll('p')]) {
    if (paragraph.closest('td, th, li')) continue;
    if ((paragraph.textContent ?? '').replace(/[\s\u00a0]/g, '') === '') paragraph.remove();
  }
}

function unwrap(element: Element): void {
  element.replaceWith(...element.childNodes);
}

function rename(element: Element, tag: string): void {
  const renamed = element.ownerDocument.createElement(tag);
  renamed.append(...element.childNodes);
  for (const attribute of [...element.attributes]) renamed.setAttribute(attribute.name, attribute.value);
  element.replaceWith(renamed);
}
