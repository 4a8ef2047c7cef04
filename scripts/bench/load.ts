/** One autocannon run against 127.0.0.1, bounded in time, reduced to the numbers the report needs. */
import autocannon from 'autocannon';

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly non2xx: number;
}

export interface LoadOptions {
  readonly port: number;
  readonly seconds: number;
  readonly connections: number;
  /** Each request's Host header and path; called per request, so it may pick at random. */
  readonly next: () => { host: string; path: string };
  /** Sent with every request (Accept-Encoding, say). */
  readonly headers?: Readonly<Record<string, string>>;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: `http://127.0.0.1:${options.port}`,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const target = options.next();
          return { ...request, path: target.path, headers: { ...request.headers, ...options.headers, host: target.host } };
        },
      },
    ],
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
