/**
 * Media in an S3-compatible bucket through the AWS SDK v3: each site's files under
 * `<prefix><slug>/images/`, so a site's keys never meet another's (slugs and keys are checked
 * in keys.ts before any request). Reads pass a Range on to the store, so a visitor seeking in a
 * video fetches only that part.
 */
import type { Readable } from 'node:stream';
import type * as Sdk from '@aws-sdk/client-s3';
import { GuildError } from '../../errors.ts';
import { typeOfName } from '../sniff.ts';
import { checkedKey, checkedSlug } from './keys.ts';
import type { S3Location } from './location.ts';
import { RangeNotSatisfiable, resolveRange, type ByteRange, type MediaStorage, type SiteMedia, type SiteRef, type StoredFile } from './store.ts';

/** How many keys one DeleteObjects request may name. */
const DELETE_BATCH = 1000;

/** The SDK and a client, loaded on first use: a host keeping media on disk never pays for them. */
interface Connection {
  readonly sdk: typeof Sdk;
  readonly client: Sdk.S3Client;
}

export function s3Storage(location: S3Location): MediaStorage {
  let connecting: Promise<Connection> | undefined;
  const connect = () => (connecting ??= import('@aws-sdk/client-s3').then((sdk) => ({ sdk, client: new sdk.S3Client(clientOptions(location)) })));
  const where = `${location.url}${location.endpoint ? ` at ${location.endpoint}` : ''}`;
  const media = (slug: string) => new S3Media(connect, location.bucket, `${location.prefix}${checkedSlug(slug)}/images/`, where);
  return {
    where,
    inSiteFolder: false,
    async check() {
      const { sdk, client } = await connect();
      try {
        await client.send(new sdk.HeadBucketCommand({ Bucket: location.bucket }));
      } catch (error) {
        throw new GuildError('GUILD_ERR_MEDIA_STORE', where, describe(error, `bucket "${location.bucket}"`));
      }
    },
    forSite: (site) => media(site.slug),
    async rename(from: SiteRef, to: SiteRef) {
      await media(from.slug).moveTo(media(to.slug));
    },
  };
}

function clientOptions(location: S3Location): Sdk.S3ClientConfig {
  return {
    region: location.region,
    ...(location.endpoint
      ? {
          endpoint: location.endpoint,
          forcePathStyle: true,
          // Many S3-compatible servers do not know the SDK's newer default checksums; send them only where S3 requires one.
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }
      : {}),
    ...(location.credentials ? { credentials: location.credentials } : {}),
  };
}

class S3Media implements SiteMedia {
  constructor(
    private readonly connect: () => Promise<Connection>,
    private readonly bucket: string,
    /** Every key of this site starts with it. */
    private readonly root: string,
    private readonly where: string,
  ) {}

  async #send<T>(what: string, request: (connection: Connection) => Promise<T>): Promise<T> {
    const connection = await this.connect();
    try {
      return await request(connection);
    } catch (error) {
      throw new GuildError('GUILD_ERR_MEDIA_STORE', this.where, describe(error, what));
    }
  }

  async write(key: string, bytes: Buffer): Promise<void> {
    const Key = this.root + checkedKey(key);
    // IfNoneMatch: a store that supports conditional writes refuses to replace a file, as local disk does.
    await this.#send(`writing ${Key}`, ({ sdk, client }) => client.send(new sdk.PutObjectCommand({ Bucket: this.bucket, Key, Body: bytes, ContentType: typeOfName(key), IfNoneMatch: '*' })));
  }

  async read(key: string, range?: ByteRange): Promise<StoredFile | undefined> {
    const Key = this.root + checkedKey(key);
    let part: { start: number; end?: number } | undefined;
    if (range && 'suffix' in range) {
      // The last n bytes need the size, which one HEAD gives (some S3-compatible servers get suffix ranges wrong).
      const head = await this.#head(Key);
      if (!head) return undefined;
      part = resolveRange(range, head.size);
    } else part = range;
    const { sdk, client } = await this.connect();
    try {
      const object = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key, ...(part ? { Range: `bytes=${part.start}-${part.end ?? ''}` } : {}) }));
      const served = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(object.ContentRange ?? '');
      return {
        body: object.Body as Readable,
        size: served ? Number(served[3]) : Number(object.ContentLength),
        ...(served && part ? { range: { start: Number(served[1]), end: Number(served[2]) } } : {}),
        etag: object.ETag ?? '',
        lastModified: object.LastModified ?? new Date(0),
      };
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return undefined;
      if (status === 416) throw new RangeNotSatisfiable((await this.#head(Key))?.size ?? 0);
      throw new GuildError('GUILD_ERR_MEDIA_STORE', this.where, describe(error, `reading ${Key}`));
    }
  }

  async #head(Key: string): Promise<{ size: number } | undefined> {
    const { sdk, client } = await this.connect();
    try {
      const head = await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key }));
      return { size: Number(head.ContentLength) };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw new GuildError('GUILD_ERR_MEDIA_STORE', this.where, describe(error, `reading ${Key}`));
    }
  }

  async remove(keys: readonly string[]): Promise<void> {
    await this.#delete(keys.map((key) => this.root + checkedKey(key)));
  }

  async #delete(objectKeys: readonly string[]): Promise<void> {
    for (let from = 0; from < objectKeys.length; from += DELETE_BATCH) {
      const batch = objectKeys.slice(from, from + DELETE_BATCH);
      const result = await this.#send(`deleting ${batch.length} files`, ({ sdk, client }) =>
        client.send(new sdk.DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } })),
      );
      const failed = result.Errors?.[0];
      if (failed) throw new GuildError('GUILD_ERR_MEDIA_STORE', this.where, `deleting ${failed.Key} failed: ${failed.Code ?? ''} ${failed.Message ?? ''}`.trim());
    }
  }

  async *#objectKeys(): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.#send(`listing ${this.root}`, ({ sdk, client }) =>
        client.send(new sdk.ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.root, ...(token ? { ContinuationToken: token } : {}) })),
      );
      for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async *keys(): AsyncIterable<string> {
    for await (const Key of this.#objectKeys()) yield Key.slice(this.root.length);
  }

  async removeAll(): Promise<void> {
    const all: string[] = [];
    for await (const Key of this.#objectKeys()) all.push(Key);
    await this.#delete(all);
  }

  /** Copies every file to another site's keys, then deletes them here: a failed copy leaves the originals. */
  async moveTo(target: S3Media): Promise<void> {
    const moved: string[] = [];
    for await (const Key of this.#objectKeys()) {
      const to = target.root + Key.slice(this.root.length);
      const source = `${this.bucket}/${Key.split('/').map(encodeURIComponent).join('/')}`;
      await this.#send(`copying ${Key} to ${to}`, ({ sdk, client }) => client.send(new sdk.CopyObjectCommand({ Bucket: this.bucket, Key: to, CopySource: source })));
      moved.push(Key);
    }
    await this.#delete(moved);
  }
}

/** The HTTP status of the store's answer; undefined when there was none (it could not be reached). */
function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

/** What the store answered, or why it could not be reached, for an operator to act on. */
function describe(error: unknown, what: string): string {
  const status = statusOf(error);
  if (status !== undefined && error instanceof Error) {
    const meaning = status === 404 ? ' (it does not exist)' : status === 403 ? ' (access denied: check the credentials and their permissions)' : '';
    return `${what}: the store answered ${status ?? '?'} ${error.name}${meaning}${error.message && error.message !== error.name && error.message !== 'UnknownError' ? `: ${error.message}` : ''}`;
  }
  const code = (error as { code?: string }).code;
  return `${what}: the store could not be reached (${code ? `${code}: ` : ''}${error instanceof Error ? error.message : String(error)})`;
}
