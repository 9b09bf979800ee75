import type { SectionBlock } from '@samraad/schema';

/** One paragraph or list of a section's text, shown without an editor. */
export function SectionBlockView({ block }: { block: SectionBlock }) {
  if (block.type === 'paragraph') return <p>{block.text}</p>;
  const items = block.items.map((item, index) => <li key={index}>{item}</li>);
  return block.type === 'bulletList' ? <ul>{items}</ul> : <ol>{items}</ol>;
}
