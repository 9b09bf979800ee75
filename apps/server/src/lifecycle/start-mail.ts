import {
  DEFAULT_MAIL_CLAIM_MS,
  DEFAULT_MAIL_DIGEST_MS,
  DEFAULT_MAIL_FROM,
  DEFAULT_MAIL_POLL_MS,
  type ServerConfig,
} from '../config.js';
import { logger } from '../logging/logger.js';
import type { Services } from '../services.js';
import type { MailSender } from '../mail/mail-sender.js';

/** How often due daily digests are gathered into the outbox. */
const DIGEST_CHECK_MS = 60_000;

/**
 * Points links in mail at the public address, gathers digests, and with SMTP_URL starts the
 * sender. Without it mail stays in the outbox, readable in the development mailbox.
 */
export function startMail(services: Services, config: ServerConfig, ownUrl: string): { stop(): Promise<void> } {
  services.mailLinks.baseUrl = config.publicUrl ?? ownUrl;
  services.mailLinks.from = config.mailFrom ?? DEFAULT_MAIL_FROM;
  const digestMs = config.mailDigestMs ?? DEFAULT_MAIL_DIGEST_MS;
  const digests = setInterval(
    () =>
      void services.notifier
        .queueDigests(digestMs)
        .catch((error: unknown) => logger.warn({ err: error }, 'kunne ikke samle daglige oppsummeringer')),
    Math.min(DIGEST_CHECK_MS, Math.max(1_000, digestMs)),
  );
  digests.unref();
  if (!config.smtpUrl) {
    return {
      stop() {
        clearInterval(digests);
        return Promise.resolve();
      },
    };
  }
  const smtpUrl = config.smtpUrl;
  // nodemailer costs ~6 MiB of heap; a server without SMTP_URL never loads it.
  const starting: Promise<MailSender | null> = import('../mail/mail-sender.js').then(
    ({ MailSender }) => {
      const sender = new MailSender(services.outbox, {
        smtpUrl,
        from: config.mailFrom ?? DEFAULT_MAIL_FROM,
        leaseMs: config.mailClaimMs ?? DEFAULT_MAIL_CLAIM_MS,
        pollMs: config.mailPollMs ?? DEFAULT_MAIL_POLL_MS,
        messageIdDomain: new URL(services.mailLinks.baseUrl).hostname || 'samraad',
      });
      services.mailLinks.mailQueued = () => sender.nudge();
      sender.start();
      return sender;
    },
    (error: unknown) => {
      logger.error({ err: error }, 'e-postutsendingen kunne ikke starte');
      return null;
    },
  );
  return {
    async stop() {
      clearInterval(digests);
      await (await starting)?.stop();
    },
  };
}
