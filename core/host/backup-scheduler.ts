/**
 * Backups on a schedule (GUILD_BACKUP_EVERY): every minute or so the host backs up each site
 * whose newest backup is older than the interval, one site at a time, while all of them keep
 * serving. Due-ness comes from the backup folder, so a restart neither skips nor repeats a round.
 */
import { describeError } from '../errors.ts';
import type { Logger } from '../log/index.ts';
import { backupSite, lastBackup, type BackupContext } from './backups.ts';

const TICK_MS = 60_000;

export class BackupScheduler {
  readonly #context: BackupContext;
  readonly #everyMs: number;
  readonly #log: Logger;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #closed = false;
  /** When a site's backup last failed: it is tried again after the interval, not every minute. */
  readonly #failedAt = new Map<string, number>();

  constructor(context: BackupContext, everyMs: number, log: Logger) {
    this.#context = context;
    this.#everyMs = everyMs;
    this.#log = log.child({ service: 'backups' });
  }

  start(): void {
    this.#timer = setInterval(() => void this.runDue(), Math.min(this.#everyMs, TICK_MS));
    this.#timer.unref();
    void this.runDue();
  }

  /** Stops starting rounds (another host leads the network now); start() takes them up again. */
  stop(): void {
    clearInterval(this.#timer);
  }

  /** Backs up the sites that are due; a round still running is waited for, never doubled. */
  runDue(): Promise<void> {
    this.#running ??= this.#round().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #round(): Promise<void> {
    for (const entry of this.#context.registry.entries()) {
      if (this.#closed) return;
      if (!entry.manifest) continue;
      const last = await lastBackup(this.#context.config.backupDir, entry.slug);
      const tried = Math.max(last?.getTime() ?? 0, this.#failedAt.get(entry.slug) ?? 0);
      if (Date.now() - tried < this.#everyMs) continue;
      try {
        const backup = await backupSite(this.#context, entry.slug);
        this.#failedAt.delete(entry.slug);
        this.#log.info({ site: entry.slug, file: backup.file, bytes: backup.bytes }, `backed up ${entry.slug} to ${backup.file}`);
      } catch (error) {
        this.#failedAt.set(entry.slug, Date.now());
        this.#log.error({ site: entry.slug, err: error }, describeError(error));
      }
    }
  }

  /** Stops the schedule; a backup being written is finished first. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#running;
  }
}
