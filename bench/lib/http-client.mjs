// A keep-alive JSON client over node:http (lighter than fetch), for HTTP load.
import { Agent, request } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: 128 });

export function postJson(port, path, body) {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (data += chunk));
        res.on('end', () => {
          if (res.statusCode >= 400) reject(new Error(`${path} → ${res.statusCode} ${data}`));
          else resolve(data === '' ? undefined : JSON.parse(data));
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
