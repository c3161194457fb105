/** Serves GET /metrics in the Prometheus text format on its own port (the gRPC port cannot speak HTTP/1). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NluMetrics } from './nlu-metrics';

export interface MetricsHttpServer {
  port: number;
  close(): Promise<void>;
}

export async function startMetricsHttpServer(metrics: NluMetrics, host: string, port: number): Promise<MetricsHttpServer> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics\n');
      return;
    }
    metrics.text().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('internal error\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
