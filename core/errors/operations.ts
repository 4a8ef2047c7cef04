/** Errors of running a host: its settings, schedules, backups, mail, workers and databases. */
import type { GuildErrorSpec } from './spec.ts';

export const operationErrors = {
  GUILD_ERR_INTERVAL: {
    status: 500,
    message: (name, value) => `${name} is "${value}", which is not an interval of at least a minute. Write a number with a unit: "30m", "6h" or "1d" (a bare number counts seconds).`,
  },
  GUILD_ERR_BACKUP_FAILED: {
    status: 500,
    message: (slug, reason) => `The backup of "${slug}" failed: ${reason}. The earlier backups are kept; check the free space and permissions of GUILD_BACKUP_DIR.`,
  },
  // Mail (core/mail)
  GUILD_ERR_MAIL_FAILED: {
    status: 502,
    message: (to, reason) =>
      `The mail to ${to} could not be sent: ${reason}. Nothing was lost; try again in a few minutes. If it keeps failing, the host's operator should check GUILD_SMTP_URL and the mail server's log.`,
  },
  GUILD_ERR_SMTP_URL: {
    status: 500,
    message: (reason) =>
      `GUILD_SMTP_URL ${reason}. Write it as smtp://user:password@mail.example:587 (STARTTLS) or smtps://user:password@mail.example:465 (TLS), with special characters in the password percent-encoded; unset it to write mail to the log.`,
  },
  // Accounts, sessions and the admin API (core/auth, core/admin)
  GUILD_ERR_WORKERS: {
    status: 500,
    message: (value) => `GUILD_WORKERS "${value}" is not a number of processes. Give a whole number from 1 up (1 is a single process, the default), or "auto" for one per core.`,
  },
  GUILD_ERR_PUBLIC_URL: {
    status: 500,
    message: (value, reason) =>
      `GUILD_PUBLIC_URL "${value}" cannot be used: ${reason}. Give the network's public base address, e.g. https://guild.example.com (http or https, a host name, no path).`,
  },
  GUILD_ERR_AUTH_REQUIRED: {
    status: 401,
    message: () => 'You are not logged in to this site, or your session has ended. Log in at /admin/ (POST /admin/api/session).',
  },
  GUILD_ERR_LOGIN_FAILED: {
    status: 401,
    message: () => 'That email and password do not match an account of this site.',
  },
  GUILD_ERR_DATABASE_NOT_WRITABLE: {
    status: 503,
    message: (file, why) =>
      `${file} ${why}, so the database is not opened (SQLite would crash the host on its next write). Give the user running Guild read-write access to the site's data folder and its content.db, content.db-wal and content.db-shm, or remove a stray -wal/-shm that is not a file; the site is tried again on its next request.`,
  },
  GUILD_ERR_DATABASE_URL: {
    status: 500,
    message: (found) =>
      `GUILD_DATABASE_URL must be a PostgreSQL address such as postgres://guild:secret@127.0.0.1:5432/guild (found ${found}). Unset it to keep each site's content in its own SQLite file.`,
  },
  GUILD_ERR_SCHEMA_TAKEN: {
    status: 409,
    message: (slug, schema) =>
      `PostgreSQL already holds content for a site "${slug}" (schema ${schema}), though this host has no site folder of that name, so the archive is not restored over it. Restore under another slug with --as, or, if it is what a removed site left behind, drop it first (DROP SCHEMA "${schema}" CASCADE).`,
  },
  // guild migrate-store (scripts/cli/commands/migrate-store.ts)
  GUILD_ERR_MIGRATE_STORE_HOST_RUNNING: {
    status: 409,
    message: (pid, dataDir) =>
      `A Guild host (pid ${pid}) is serving these sites (its state file is in ${dataDir}), and a site written to while its content moves could lose the writes. Stop the host (or every host of this network), run guild migrate-store again, then start the hosts with the new GUILD_DATABASE_URL setting.`,
  },
  GUILD_ERR_MIGRATE_STORE_NO_DATABASE: {
    status: 500,
    message: () =>
      'guild migrate-store moves sites to and from the PostgreSQL named by GUILD_DATABASE_URL, which is unset. Set it to the database the network will use (postgres://guild:secret@127.0.0.1:5432/guild) for this command; the sites keep being read from SQLite until the hosts start with it too.',
  },
  GUILD_ERR_MIGRATE_STORE_CONFLICT: {
    status: 409,
    message: (slug, where) =>
      `"${slug}" already has different content in ${where} (a host opened it there before the move, or it was written there since), so it is not overwritten. Compare the two; run guild migrate-store again with --replace to overwrite it with the content being moved.`,
  },
  GUILD_ERR_MIGRATE_STORE_MISMATCH: {
    status: 500,
    message: (slug, tables) =>
      `The copy of "${slug}" does not match its source (${tables}), so it is not counted as moved; nothing was deleted. Run guild migrate-store again; if it keeps differing, report it with the site's archive (guild site export).`,
  },
  GUILD_ERR_MIGRATE_STORE_MANIFEST_CONFLICT: {
    status: 409,
    message: (slugs, sitesDir) =>
      `PostgreSQL's guild_host.site_manifests already holds another site.json for ${slugs} (a host started on this database from another sites folder), which would replace the one in ${sitesDir}, so nothing was moved. Compare them; run guild migrate-store again with --replace to save this folder's site.json over the network's (it must pass guild site check), or move to another database.`,
  },
  GUILD_ERR_MIGRATE_STORE_HOST_CONFLICT: {
    status: 409,
    message: (file) =>
      `PostgreSQL's guild_host already holds other accounts or site memberships than ${file} (a host started on PostgreSQL before the move, or people were added there since), so they are not overwritten. Compare them (guild user list <site>, with GUILD_DATABASE_URL set and unset); run guild migrate-store again with --replace to make guild_host's accounts, memberships, sessions and links those of ${file}.`,
  },
  GUILD_ERR_MIGRATE_STORE_HOST_MISMATCH: {
    status: 500,
    message: (file, tables) =>
      `The copy of the host's data from ${file} into guild_host does not match it (${tables}), so it was rolled back; guild_host holds what it held before and ${file} is unchanged. Run guild migrate-store again; if it keeps differing, report it with the table names.`,
  },
  GUILD_ERR_DATABASE_UNREACHABLE: {
    status: 503,
    message: (url, why) =>
      `The PostgreSQL database at ${url} cannot be reached (${why}). Check that GUILD_DATABASE_URL names a running server, a role that may log in with that password and an existing database (postgres://user:password@host:5432/database); the site is tried again on its next request.`,
  },
} satisfies Record<string, GuildErrorSpec>;
