import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { SECTION_FRAGMENT } from '@samraad/schema';

/**
 * The consensus wording as plain text (one line per paragraph, as the server words it), kept
 * current as anyone types, so a voided approval can show everything changed since, not just
 * the keystroke that voided it.
 */
export function useWordingText(doc: Y.Doc | undefined): string | null {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (!doc) return;
    const read = () => {
      const dom = doc.getXmlFragment(SECTION_FRAGMENT).toDOM() as DocumentFragment;
      setText(
        Array.from(dom.querySelectorAll('paragraph, heading'), (node: Element) => node.textContent ?? '').join('\n'),
      );
    };
    read();
    doc.on('update', read);
    return () => doc.off('update', read);
  }, [doc]);
  return text;
}
