/**
 * Another writer's caret with their name on it, built like Tiptap's default so its CSS
 * classes apply, but hidden from screen readers: a name spoken in the middle of a sentence
 * is noise, and the presence list already says who is writing where.
 */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const colour = typeof user['color'] === 'string' ? user['color'] : 'transparent';
  const name = typeof user['name'] === 'string' ? user['name'] : '';

  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.setAttribute('aria-hidden', 'true');
  caret.style.borderColor = colour;

  const label = document.createElement('span');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = colour;
  label.textContent = name;

  caret.append(label);
  return caret;
}
