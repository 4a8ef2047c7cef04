// A wrong GUILD_MEDIA_URL or a bucket that cannot be reached stops the host at start with what
// is wrong and how to fix it (issue 17, item 3), rather than failing the first upload.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../core/host/index.ts';
import { isGuildError } from '../../core/errors.ts';
import { parseMediaUrl } from '../../core/media/index.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';
import { startS3, type TestS3 } from '../support/s3.ts';

const refusal = (env: Record<string, string>) => {
  try {
    resolveConfig({ sitesDir: '/tmp/unused-sites' }, env);
  } catch (error) {
    if (isGuildError(error, 'GUILD_ERR_MEDIA_URL')) return error.message;
    throw error;
  }
  return 'accepted';
};

describe('GUILD_MEDIA_URL', { timeout: 60_000 }, () => {
  let s3: TestS3;
  let box: Sandbox;
  beforeAll(async () => {
    s3 = await startS3();
    box = sandbox();
  });
  afterAll(async () => {
    await box.remove();
    await s3.close();
  });

  it('names what is wrong with a setting that cannot work', () => {
    const endpoint = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9000' };
    expect(refusal({ GUILD_MEDIA_URL: 'https://bucket.example/media', ...endpoint })).toContain('https: is not s3:');
    expect(refusal({ GUILD_MEDIA_URL: 's3://Bad_Bucket/media', ...endpoint })).toContain('"Bad_Bucket" is not a bucket name');
    expect(refusal({ GUILD_MEDIA_URL: 's3://media/a/../b', ...endpoint })).toContain('key prefix');
    expect(refusal({ GUILD_MEDIA_URL: 's3://key:secret@media/x', ...endpoint })).toContain('put them in AWS_ACCESS_KEY_ID');
    expect(refusal({ GUILD_MEDIA_URL: 's3://media/x' })).toContain('set AWS_REGION');
    expect(refusal({ GUILD_MEDIA_URL: 's3://media/x', AWS_ENDPOINT_URL: 'localhost:9000' })).toContain('is not an http(s) address');
    expect(refusal({ GUILD_MEDIA_URL: 's3://media/x', ...endpoint, AWS_ACCESS_KEY_ID: 'only-half' })).toContain('only AWS_ACCESS_KEY_ID is set');
    expect(refusal({ GUILD_MEDIA_URL: 's3://media/sites/', ...endpoint })).toBe('accepted');
    expect(parseMediaUrl('s3://media/sites/', endpoint)).toMatchObject({ bucket: 'media', prefix: 'sites/', region: 'us-east-1', endpoint: 'http://127.0.0.1:9000' });
  });

  it('stops the host at start when the bucket does not exist, or nothing answers at the endpoint', async () => {
    const missing = s3.env('x');
    await expect(box.host({ media: parseMediaUrl('s3://no-such-bucket/x', missing) })).rejects.toMatchObject({ code: 'GUILD_ERR_MEDIA_STORE', message: expect.stringContaining('404') });
    await expect(box.host({ media: parseMediaUrl('s3://guild-media/x', { ...missing, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }) })).rejects.toMatchObject({
      code: 'GUILD_ERR_MEDIA_STORE',
      message: expect.stringContaining('could not be reached'),
    });
  });

  it('`guild start` prints the code and the fix, and exits', () => {
    const started = spawnSync(process.execPath, [path.join(REPO, 'scripts/guild.mjs'), 'start'], {
      env: { ...process.env, GUILD_SITES: box.sitesDir, PORT: '0', GUILD_MEDIA_URL: 'minio://media/sites' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toContain('guild: GUILD_ERR_MEDIA_URL: GUILD_MEDIA_URL "minio://media/sites" cannot be used: minio: is not s3:');
    expect(started.stderr).toContain('s3://bucket/prefix');
  });
});
