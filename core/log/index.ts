/**
 * The host's logger (pino): JSON lines when the output is collected, readable lines in a
 * terminal. Every site, plugin and request gets a child logger carrying its names.
 */
import pino from 'pino';
import pretty from 'pino-pretty';

export type Logger = pino.Logger;

export interface LoggerOptions {
  /** trace, debug, info, warn, error, fatal or silent; default GUILD_LOG_LEVEL or info. */
  readonly level?: string;
  /** Human-readable lines instead of JSON; default: when stdout is a terminal and GUILD_LOG_FORMAT is not json. */
  readonly pretty?: boolean;
  /** Where lines go; default stdout. */
  readonly destination?: NodeJS.WritableStream;
  /** Put before every message in brackets, e.g. "worker 2" when several processes share the output (GUILD_WORKERS). */
  readonly tag?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.GUILD_LOG_LEVEL ?? 'info';
  const wantPretty = options.pretty ?? (process.stdout.isTTY && process.env.GUILD_LOG_FORMAT !== 'json');
  // Colours only where the lines land in a terminal (stderr for the CLI's own logger).
  const colorize = Boolean((options.destination as { isTTY?: boolean } | undefined)?.isTTY ?? process.stdout.isTTY) && !process.env.NO_COLOR;
  const destination = wantPretty
    ? pretty({ sync: true, colorize, ignore: 'pid,hostname', translateTime: 'HH:MM:ss', destination: options.destination ?? 1 })
    : (options.destination ?? pino.destination({ sync: false }));
  return pino({ level, base: undefined, ...(options.tag ? { msgPrefix: `[${options.tag}] ` } : {}) }, destination);
}

/** A logger that drops everything, for tools that must print only their own output. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
