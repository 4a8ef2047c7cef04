/**
 * A real S3-compatible server for tests (s3rver, objects kept in a temp folder), listening on
 * 127.0.0.1 on a free port, with one bucket; and a client to look at what it holds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from '@20minutes/s3rver';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { parseMediaUrl, type S3Location } from '../../core/media/index.ts';

export interface TestS3 {
  readonly endpoint: string;
  readonly bucket: string;
  /** The environment a host reads (GUILD_MEDIA_URL and the AWS variables) for s3://bucket/prefix. */
  env(prefix: string): Record<string, string>;
  location(prefix: string): S3Location;
  /** Every key under a prefix, sorted. */
  keys(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

export const BUCKET = 'guild-media';

export async function startS3(): Promise<TestS3> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'guild-s3-'));
  // s3rver checks signatures by its own older reading of SigV4, which the current SDK's requests do not match; it still checks the keys exist.
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory: dir, silent: true, allowMismatchedSignatures: true, configureBuckets: [{ name: BUCKET }] });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const client = new S3Client({ endpoint, forcePathStyle: true, region: 'us-east-1', credentials });
  const env = (prefix: string) => ({ GUILD_MEDIA_URL: `s3://${BUCKET}/${prefix}`, AWS_ENDPOINT_URL: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey });
  return {
    endpoint,
    bucket: BUCKET,
    env,
    location: (prefix) => parseMediaUrl(env(prefix).GUILD_MEDIA_URL, env(prefix)),
    async keys(prefix) {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
      return (listed.Contents ?? []).map((object) => object.Key!).sort();
    },
    async close() {
      client.destroy();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
