import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { faultPoint } from '../faults/fault-point.js';
import { logger } from '../logging/logger.js';
import { MailOutbox, type OutboxRow } from './outbox.js';

export interface MailSenderOptions {
  /** smtp://user:pass@host:port (or smtps://); without it mail stays in the outbox. */
  smtpUrl: string;
  from: string;
  /** How long a claim holds a row: longer than one send can take. */
  leaseMs: number;
  pollMs: number;
  /** Ties every send of one row to one Message-ID, so a resend after a crash is recognisable. */
  messageIdDomain: string;
}

/**
 * Sends what the outbox holds, one claimed row at a time, and marks each sent. Runs on every
 * instance; the claims keep them from sending the same row (see MailOutbox).
 */
export class MailSender {
  private readonly id = `sender-${randomUUID()}`;
  private readonly transport: Transporter;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly outbox: MailOutbox,
    private readonly options: MailSenderOptions,
    private readonly beforeRound: () => Promise<void> = async () => {},
  ) {
    this.transport = nodemailer.createTransport(options.smtpUrl);
  }

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.round()
        .catch((error: unknown) => logger.warn({ err: error }, 'e-postutsending feilet; prøver igjen'))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Asks for a round soon, e.g. right after mail was written. */
  nudge(): void {
    if (this.stopped || this.running || !this.timer) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.start();
    }, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }

  /** Sends every due row; resolves when none is left. */
  async round(): Promise<void> {
    await this.beforeRound();
    for (;;) {
      const rows = await this.outbox.claim(this.id, new Date(), this.options.leaseMs);
      if (rows.length === 0) return;
      for (const row of rows) {
        if (this.stopped) return;
        await this.send(row);
      }
    }
  }

  private async send(row: OutboxRow): Promise<void> {
    faultPoint('before-mail-send');
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to: row.recipient,
        subject: row.subject,
        text: row.text,
        html: row.html,
        messageId: `<outbox-${row.id}@${this.options.messageIdDomain}>`,
        icalEvent: row.calendar
          ? { method: row.calendar.method, filename: 'invitasjon.ics', content: row.calendar.ics }
          : undefined,
      });
    } catch (error) {
      await this.outbox.markFailed(row.id, this.id, row.attempts, String(error), new Date());
      logger.warn({ err: error, mailId: row.id, attempts: row.attempts }, 'e-post ble ikke sendt; prøver igjen senere');
      return;
    }
    faultPoint('after-mail-send');
    await this.outbox.markSent(row.id, this.id, new Date());
  }
}
