import type { CaseKind, CaseStatus } from '@samraad/schema';
import { kindLabel, statusLabel } from '../i18n/messages.js';
import styles from './CaseBadges.module.css';

export function KindBadge({ kind }: { kind: CaseKind }) {
  return <span className={`${styles.badge} ${styles.kind}`}>{kindLabel(kind)}</span>;
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  return <span className={`${styles.badge} ${styles[status]}`}>{statusLabel(status)}</span>;
}
