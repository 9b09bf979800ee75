import type { CaseKind, CaseStatus } from '@samraad/schema';
import { kindLabel, statusLabel } from '../i18n/messages.js';

export function KindBadge({ kind }: { kind: CaseKind }) {
  return <span className="badge badge--kind">{kindLabel(kind)}</span>;
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  return <span className={`badge badge--status badge--${status}`}>{statusLabel(status)}</span>;
}
