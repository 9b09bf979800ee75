/**
 * The shape of a section document as the editor writes it into Yjs: which elements, marks and
 * attributes exist, with the defaults the editor fills in. The server checks every incoming
 * update against it, so nobody can store something the editor would throw away (and try to
 * write back) when it loads the text, and the server writes its own documents (seeding,
 * import, restore) in this same normal form. A web test keeps it equal to Tiptap's schema.
 */

/** Attribute defaults, as the editor's schema declares them (null: absent unless set). */
export type AttributeDefaults = Readonly<Record<string, string | number | boolean | null>>;

/** Where an element may stand; each content expression of the editor's schema names one of these. */
type Place = 'block' | 'inline' | 'list-item' | 'table-row' | 'table-cell';

/** What an element may hold: the editor's content expression, reduced to what can be checked per struct. */
type Children = 'blocks' | 'list-items' | 'table-rows' | 'table-cells' | 'inline' | 'text' | 'none';

interface NodeRule {
  attrs: AttributeDefaults;
  children: Children;
  place: Place;
}

const TABLE_CELL_ATTRS = { colspan: 1, rowspan: 1, colwidth: null, align: null } as const;

export const SECTION_NODES = {
  paragraph: { attrs: {}, children: 'inline', place: 'block' },
  heading: { attrs: { level: 1 }, children: 'inline', place: 'block' },
  blockquote: { attrs: {}, children: 'blocks', place: 'block' },
  bulletList: { attrs: {}, children: 'list-items', place: 'block' },
  orderedList: { attrs: { start: 1, type: null }, children: 'list-items', place: 'block' },
  listItem: { attrs: {}, children: 'blocks', place: 'list-item' },
  codeBlock: { attrs: { language: null }, children: 'text', place: 'block' },
  horizontalRule: { attrs: {}, children: 'none', place: 'block' },
  hardBreak: { attrs: {}, children: 'none', place: 'inline' },
  table: { attrs: {}, children: 'table-rows', place: 'block' },
  tableRow: { attrs: {}, children: 'table-cells', place: 'table-row' },
  tableHeader: { attrs: TABLE_CELL_ATTRS, children: 'blocks', place: 'table-cell' },
  tableCell: { attrs: TABLE_CELL_ATTRS, children: 'blocks', place: 'table-cell' },
} as const satisfies Record<string, NodeRule>;

/** The place each kind of children stands in. */
const PLACE_OF_CHILDREN: Readonly<Record<Exclude<Children, 'text' | 'none'>, Place>> = {
  blocks: 'block',
  'list-items': 'list-item',
  'table-rows': 'table-row',
  'table-cells': 'table-cell',
  inline: 'inline',
};

export type SectionNodeName = keyof typeof SECTION_NODES;

export const SECTION_MARKS = {
  bold: {},
  italic: {},
  underline: {},
  strike: {},
  code: {},
  link: { href: null, target: '_blank', rel: 'noopener noreferrer nofollow', class: null, title: null },
} as const satisfies Record<string, AttributeDefaults>;

export type SectionMarkName = keyof typeof SECTION_MARKS;

const nodeRules: Readonly<Record<string, NodeRule>> = SECTION_NODES;
const markRules: Readonly<Record<string, AttributeDefaults>> = SECTION_MARKS;

export function sectionNodeRule(name: string): NodeRule | undefined {
  return Object.hasOwn(nodeRules, name) ? nodeRules[name] : undefined;
}

/**
 * The mark a Yjs text format key stands for. Marks that may overlap themselves (links) are
 * stored as `name--hash`, one key per distinct mark.
 */
export function markNameOfFormatKey(key: string): string {
  return /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(key)?.[1] ?? key;
}

export function sectionMarkRule(formatKey: string): AttributeDefaults | undefined {
  const name = markNameOfFormatKey(formatKey);
  return Object.hasOwn(markRules, name) ? markRules[name] : undefined;
}

/** The place a struct is inserted into: the document root, an element, or a run of text. */
export type InsertionParent = { kind: 'root' } | { kind: 'element'; nodeName: string } | { kind: 'text' };

/** What is inserted: an element, a text run, characters, a mark boundary or an attribute. */
export type InsertedContent =
  | { kind: 'element'; nodeName: string }
  | { kind: 'text' }
  | { kind: 'characters' }
  | { kind: 'format'; key: string; value: unknown }
  | { kind: 'attribute'; key: string; value: unknown };

/**
 * Why a piece of content does not belong in a section document, or null when it does. One
 * rule for the server's check of raw updates and for the tests that keep writers in step.
 */
export function sectionContentProblem(parent: InsertionParent, content: InsertedContent): string | null {
  const holds = (children: Children): string | null => {
    if (content.kind === 'element') {
      const rule = sectionNodeRule(content.nodeName);
      if (!rule) return `ukjent element «${content.nodeName}»`;
      if (children !== 'text' && children !== 'none' && PLACE_OF_CHILDREN[children] === rule.place) return null;
      return `«${content.nodeName}» kan ikke stå her`;
    }
    if (content.kind === 'text') return children === 'inline' || children === 'text' ? null : 'tekst kan ikke stå her';
    return 'ugyldig innhold';
  };

  switch (parent.kind) {
    case 'root':
      return holds('blocks');
    case 'text':
      if (content.kind === 'characters') return null;
      if (content.kind === 'format') {
        const attrs = sectionMarkRule(content.key);
        if (!attrs) return `ukjent formatering «${markNameOfFormatKey(content.key)}»`;
        return attributesProblem(attrs, content.value);
      }
      return 'ugyldig innhold i tekst';
    case 'element': {
      const rule = sectionNodeRule(parent.nodeName);
      if (!rule) return `ukjent element «${parent.nodeName}»`;
      if (content.kind === 'attribute') {
        if (!Object.hasOwn(rule.attrs, content.key)) return `ukjent egenskap «${content.key}» på «${parent.nodeName}»`;
        return isAttributeValue(content.value) ? null : `ugyldig verdi for «${content.key}»`;
      }
      return holds(rule.children);
    }
  }
}

/** A plain value, or a list of numbers (a table column's widths). */
function isAttributeValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.every((width) => typeof width === 'number' && Number.isFinite(width));
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** A mark's attributes: null ends the mark; otherwise an object of known, plain values. */
function attributesProblem(attrs: AttributeDefaults, value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return 'ugyldig formatering';
  for (const [key, attribute] of Object.entries(value as Record<string, unknown>)) {
    if (!Object.hasOwn(attrs, key)) return `ukjent egenskap «${key}» i formatering`;
    if (!isAttributeValue(attribute)) return `ugyldig verdi for «${key}»`;
  }
  return null;
}
