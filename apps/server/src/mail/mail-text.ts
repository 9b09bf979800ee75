import type { Notification } from '@samraad/schema';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const FOOTER = 'Du får denne e-posten fra Samråd. Varslingene dine endrer du under «Varsler» i Samråd.';

/** One notice as a Norwegian mail, plain text and HTML, with a link to the place it is about. */
export function noticeMail(notice: Pick<Notification, 'title' | 'body' | 'link'>, baseUrl: string) {
  const url = new URL(notice.link, baseUrl).toString();
  const text = [notice.title, '', notice.body, '', `Åpne i Samråd: ${url}`, '', '--', FOOTER]
    .filter((line, index) => index !== 2 || notice.body)
    .join('\n');
  const html = `<!doctype html><html lang="nb"><body>
<p><strong>${escapeHtml(notice.title)}</strong></p>
${notice.body ? `<p>${escapeHtml(notice.body).replace(/\n/g, '<br>')}</p>` : ''}
<p><a href="${escapeHtml(url)}">Åpne i Samråd</a></p>
<hr><p style="color:#555;font-size:small">${escapeHtml(FOOTER)}</p>
</body></html>`;
  return { subject: `Samråd: ${notice.title}`, text, html };
}

/** The day's notices of one kind-setting "daily digest" gathered in one mail. */
export function digestMail(notices: readonly Pick<Notification, 'title' | 'body' | 'link'>[], baseUrl: string) {
  const lines = notices.map((n) => `- ${n.title}\n  ${new URL(n.link, baseUrl).toString()}`);
  const text = [`Dette har skjedd i Samråd (${notices.length}):`, '', ...lines, '', '--', FOOTER].join('\n');
  const items = notices
    .map((n) => `<li><a href="${escapeHtml(new URL(n.link, baseUrl).toString())}">${escapeHtml(n.title)}</a></li>`)
    .join('\n');
  const html = `<!doctype html><html lang="nb"><body>
<p>Dette har skjedd i Samråd (${notices.length}):</p>
<ul>
${items}
</ul>
<hr><p style="color:#555;font-size:small">${escapeHtml(FOOTER)}</p>
</body></html>`;
  return { subject: `Samråd: daglig oppsummering (${notices.length})`, text, html };
}
