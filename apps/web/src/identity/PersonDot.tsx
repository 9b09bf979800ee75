import styles from './PersonDot.module.css';

/** A person's colour as a small dot beside their name (the same colour as their caret). */
export function PersonDot({ colour, className }: { colour: string; className?: string }) {
  return (
    <span
      className={className ? `${styles.dot} ${className}` : styles.dot}
      style={{ backgroundColor: colour }}
      aria-hidden="true"
    />
  );
}
