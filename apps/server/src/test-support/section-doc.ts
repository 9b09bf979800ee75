import { SECTION_FRAGMENT } from '@samraad/schema';
import * as Y from 'yjs';

/**
 * The text run of a section document's paragraph `index`, made (with the paragraphs before
 * it) when absent: a place for room tests to type that the server's content check accepts.
 */
export function paragraphText(doc: Y.Doc, index = 0): Y.XmlText {
  const fragment = doc.getXmlFragment(SECTION_FRAGMENT);
  while (fragment.length <= index) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText()]);
    fragment.insert(fragment.length, [paragraph]);
  }
  return (fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

/** The paragraphs' texts, in document order. */
export function paragraphTexts(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment(SECTION_FRAGMENT)
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((child) => (child instanceof Y.XmlText ? child.toJSON() : ''))
            .join('')
        : '',
    );
}
