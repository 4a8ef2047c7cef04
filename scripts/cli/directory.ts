/**
 * Which directory a command talks to: --directory, else GUILD_DIRECTORY, else the embedded one
 * at http://directory.localhost:<PORT>. When no host is running there, the command serves the
 * embedded directory itself, from its data folder, for as long as it runs.
 */
import type { Server } from 'node:http';
import { directoryOptions, resolveConfig, urlFor } from '../../core/host/index.ts';
import { createDirectoryApp, Directory, DirectoryClient } from '../../core/directory/index.ts';
import { isGuildError } from '../../core/errors.ts';
import { Keyring, type StoredKey } from '../../core/signing/index.ts';
import { cliLogger, hostPort } from './context.ts';

export interface Connection {
  readonly client: DirectoryClient;
  close(): Promise<void>;
}

export async function connectDirectory(option?: string): Promise<Connection> {
  const given = option ?? process.env.GUILD_DIRECTORY;
  if (given) return { client: new DirectoryClient(given), close: async () => {} };
  const config = resolveConfig();
  // The running host's directory, on the port it really listens on.
  const url = urlFor(config.directoryHost, await hostPort(config));
  const running = new DirectoryClient(url);
  try {
    await running.info();
    return { client: running, close: async () => {} };
  } catch (error) {
    if (!isGuildError(error, 'GUILD_ERR_DIRECTORY_UNREACHABLE') || !config.directoryEmbedded) throw error;
  }
  const directory = await Directory.open(directoryOptions(config));
  const app = createDirectoryApp(directory, cliLogger());
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    client: new DirectoryClient(url, `http://127.0.0.1:${port}`),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      directory.close();
    },
  };
}

/** Runs `work` against the chosen directory and closes the connection afterwards. */
export async function withDirectory<T>(option: string | undefined, work: (client: DirectoryClient) => Promise<T>): Promise<T> {
  const connection = await connectDirectory(option);
  try {
    return await work(connection.client);
  } finally {
    await connection.close();
  }
}

/** The key to sign with: --as, else a preferred handle if its key is here, else the only key. */
export function signingKey(as: string | undefined, preferred?: string): Promise<StoredKey> {
  return new Keyring().signer(as, preferred);
}

/** Opens the directory in GUILD_DIRECTORY_DATA for the operator's own commands. */
export async function localDirectory(): Promise<Directory> {
  const config = resolveConfig();
  return Directory.open(directoryOptions(config));
}
