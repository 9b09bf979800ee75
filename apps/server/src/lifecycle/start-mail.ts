import {
  DEFAULT_MAIL_CLAIM_MS,
  DEFAULT_MAIL_DIGEST_MS,
  DEFAULT_MAIL_FROM,
  DEFAULT_MAIL_POLL_MS,
  type ServerConfig,
} from '../config.js';
import { logger } from '../logging/logger.js';
import type { Services } from '../services.js';
import { MailSender } from '../mail/mail-sender.js';

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
  const sender = new MailSender(services.outbox, {
    smtpUrl: config.smtpUrl,
    from: config.mailFrom ?? DEFAULT_MAIL_FROM,
    leaseMs: config.mailClaimMs ?? DEFAULT_MAIL_CLAIM_MS,
    pollMs: config.mailPollMs ?? DEFAULT_MAIL_POLL_MS,
    messageIdDomain: new URL(services.mailLinks.baseUrl).hostname || 'samraad',
  });
  services.mailLinks.mailQueued = () => sender.nudge();
  sender.start();
  return {
    async stop() {
      clearInterval(digests);
      await sender.stop();
    },
  };
}
