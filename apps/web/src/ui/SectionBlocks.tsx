import type { ReactNode } from 'react';
import type { SectionNode } from '@samraad/schema';
import styles from '../editor/SectionContent.module.css';

/** Only web addresses and mail links become links; anything else stays text. */
function safeHref(href: unknown): string | null {
  return typeof href === 'string' && /^(https?:|mailto:)/i.test(href) ? href : null;
}

function renderText(node: SectionNode, key: number): ReactNode {
  let out: ReactNode = node.text ?? '';
  for (const mark of node.marks ?? []) {
    if (mark.type === 'bold') out = <strong>{out}</strong>;
    else if (mark.type === 'italic') out = <em>{out}</em>;
    else if (mark.type === 'underline') out = <u>{out}</u>;
    else if (mark.type === 'strike') out = <s>{out}</s>;
    else if (mark.type === 'code') out = <code>{out}</code>;
    else if (mark.type === 'link') {
      const href = safeHref(mark.attrs?.['href']);
      if (href)
        out = (
          <a href={href} rel="noopener noreferrer nofollow" target="_blank">
            {out}
          </a>
        );
    }
  }
  return <span key={key}>{out}</span>;
}

/**
 * A node of section text (the editor's own JSON, as the server reads it from the document)
 * drawn as the editor draws it: the same elements for the same node types, so a version, a
 * declaration or the public page look like the text did in the editor.
 */
function renderNode(node: SectionNode, key: number): ReactNode {
  const children = () => (node.content ?? []).map((child, index) => renderNode(child, index));
  const cellSpan = { colSpan: Number(node.attrs?.['colspan'] ?? 1), rowSpan: Number(node.attrs?.['rowspan'] ?? 1) };
  switch (node.type) {
    case 'text':
      return renderText(node, key);
    case 'hardBreak':
      return <br key={key} />;
    case 'paragraph':
      return <p key={key}>{children()}</p>;
    case 'heading': {
      const level = Math.min(Math.max(Number(node.attrs?.['level'] ?? 1), 1), 3);
      // Under the section title (h2/h3 on every page that shows section text).
      const Tag = (['h3', 'h4', 'h5'] as const)[level - 1]!;
      return <Tag key={key}>{children()}</Tag>;
    }
    case 'bulletList':
      return <ul key={key}>{children()}</ul>;
    case 'orderedList': {
      const start = Number(node.attrs?.['start'] ?? 1);
      return (
        <ol key={key} start={start === 1 ? undefined : start}>
          {children()}
        </ol>
      );
    }
    case 'listItem':
      return <li key={key}>{children()}</li>;
    case 'blockquote':
      return <blockquote key={key}>{children()}</blockquote>;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children()}</code>
        </pre>
      );
    case 'horizontalRule':
      return <hr key={key} />;
    case 'table':
      return (
        <table key={key}>
          <tbody>{children()}</tbody>
        </table>
      );
    case 'tableRow':
      return <tr key={key}>{children()}</tr>;
    case 'tableHeader':
      return (
        <th key={key} scope="col" {...cellSpan}>
          {children()}
        </th>
      );
    case 'tableCell':
      return (
        <td key={key} {...cellSpan}>
          {children()}
        </td>
      );
    default:
      return null;
  }
}

/** One block of a section's text (paragraph, heading, list, table …), shown without an editor. */
export function SectionBlockView({ block }: { block: SectionNode }) {
  return <div className={styles.content}>{renderNode(block, 0)}</div>;
}
