import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CONTENT_ENCODING,
  canonicalJson,
  combinedContent,
  consensusContent,
  contentTree,
  hashConsensusContent,
} from './consensus.js';
import { decideApproval } from './permissions.js';

describe('approval rights', () => {
  const member = { role: 'member', side: 'kommune' } as const;

  it('lets a member approve for their side, never an observer or the secretariat', () => {
    expect(decideApproval(member).allowed).toBe(true);
    expect(decideApproval({ role: 'observer', side: null })).toEqual({ allowed: false, reason: 'observer' });
    expect(decideApproval({ role: 'secretariat', side: null })).toEqual({ allowed: false, reason: 'not-a-writer' });
    expect(decideApproval(null)).toEqual({ allowed: false, reason: 'no-access' });
  });

  it('requires a named approver when the community says so', () => {
    expect(decideApproval(member, { policy: 'named-approver', isNamedApprover: false })).toEqual({
      allowed: false,
      reason: 'not-approver',
    });
    expect(decideApproval(member, { policy: 'named-approver', isNamedApprover: true }).allowed).toBe(true);
    expect(
      decideApproval({ role: 'observer', side: null }, { policy: 'named-approver', isNamedApprover: true }).allowed,
    ).toBe(false);
  });
});

describe('content hash', () => {
  const docWith = (build: (fragment: Y.XmlFragment) => void) => {
    const doc = new Y.Doc();
    build(doc.getXmlFragment('default'));
    return doc.getXmlFragment('default');
  };
  const paragraph = (text: string, attributes?: Record<string, unknown>) => {
    const element = new Y.XmlElement('paragraph');
    const content = new Y.XmlText();
    content.insert(0, text, attributes);
    element.insert(0, [content]);
    return element;
  };
  const hashOf = (fragment: Y.XmlFragment) => hashConsensusContent(consensusContent(fragment));

  it('tells two paragraphs from one paragraph whose text spells out the markup between them', async () => {
    const two = docWith((f) => f.insert(0, [paragraph('X'), paragraph('Y')]));
    const one = docWith((f) => f.insert(0, [paragraph('X</paragraph><paragraph>Y')]));
    // The old encoding, XmlFragment.toString(), could not tell them apart.
    expect(two.toString()).toBe(one.toString());
    expect(await hashOf(two)).not.toBe(await hashOf(one));
  });

  it('tells text from markup-like text and marks from text in every position', async () => {
    const bold = docWith((f) => f.insert(0, [paragraph('X', { bold: {} })]));
    const spelled = docWith((f) => f.insert(0, [paragraph('<bold>X</bold>')]));
    const quoted = docWith((f) => f.insert(0, [paragraph('X","marks":[{"type":"bold"}]')]));
    const plain = docWith((f) => f.insert(0, [paragraph('X')]));
    const hashes = await Promise.all([bold, spelled, quoted, plain].map(hashOf));
    expect(new Set(hashes).size).toBe(4);
  });

  it('is the same for the same content however Yjs split it, and whatever order marks and attributes were set in', async () => {
    const once = docWith((f) => {
      const element = new Y.XmlElement('heading');
      element.setAttribute('level', 2 as unknown as string);
      element.setAttribute('textAlign', 'left');
      const content = new Y.XmlText();
      content.insert(0, 'Samhandling', { bold: {}, italic: {} });
      element.insert(0, [content]);
      f.insert(0, [element]);
    });
    const piecewise = docWith((f) => {
      const element = new Y.XmlElement('heading');
      element.setAttribute('textAlign', 'left');
      element.setAttribute('level', 2 as unknown as string);
      const content = new Y.XmlText();
      content.insert(0, 'Samhandling');
      content.format(0, 11, { italic: {} });
      content.format(0, 5, { bold: {} });
      content.format(5, 6, { bold: {} });
      element.insert(0, [content]);
      f.insert(0, [element]);
    });
    expect(await hashOf(once)).toBe(await hashOf(piecewise));
    expect(contentTree(once)).toEqual([
      {
        type: 'heading',
        attrs: { level: 2, textAlign: 'left' },
        content: [
          {
            type: 'text',
            text: 'Samhandling',
            marks: [
              { type: 'bold', attrs: {} },
              { type: 'italic', attrs: {} },
            ],
          },
        ],
      },
    ]);
  });

  it('changes with an attribute, a mark, a list level or one character', async () => {
    const base = await hashOf(docWith((f) => f.insert(0, [paragraph('Tekst')])));
    const variants = [
      docWith((f) => f.insert(0, [paragraph('Tekst.')])),
      docWith((f) => f.insert(0, [paragraph('Tekst', { link: { href: 'https://a.example' } })])),
      docWith((f) => f.insert(0, [paragraph('Tekst', { link: { href: 'https://b.example' } })])),
      docWith((f) => {
        const list = new Y.XmlElement('bulletList');
        const item = new Y.XmlElement('listItem');
        item.insert(0, [paragraph('Tekst')]);
        list.insert(0, [item]);
        f.insert(0, [list]);
      }),
      docWith((f) => {
        const element = paragraph('Tekst');
        element.setAttribute('textAlign', 'center');
        f.insert(0, [element]);
      }),
    ];
    const hashes = await Promise.all(variants.map(hashOf));
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
  });

  it('hashes several sections as one text in order, distinct from each alone', async () => {
    const a = docWith((f) => f.insert(0, [paragraph('A')]));
    const b = docWith((f) => f.insert(0, [paragraph('B')]));
    const both = await hashConsensusContent(combinedContent([a, b]));
    expect(both).not.toBe(await hashConsensusContent(combinedContent([b, a])));
    expect(both).not.toBe(await hashOf(a));
  });

  it('is SHA-256 hex over UTF-8 of the encoding, the same as the platform computes', async () => {
    const fragment = docWith((f) => f.insert(0, [paragraph('Partene blir enige – også i Bodø og Værøy.')]));
    const content = consensusContent(fragment);
    expect(content.startsWith(`${CONTENT_ENCODING}\n`)).toBe(true);
    expect(await hashConsensusContent(content)).toBe(createHash('sha256').update(content, 'utf8').digest('hex'));
    expect(await hashConsensusContent('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('sorts object keys at every depth', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 'x' }], a: null, e: undefined })).toBe('{"a":null,"b":[{"c":"x","d":1}]}');
  });
});
