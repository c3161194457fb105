/**
 * The WebSocket channel over a real socket: a fastify app listening on 127.0.0.1:0, real `ws` clients, and a
 * small in-test TurnService (the channel's seam) whose behaviour each test can read and steer.
 */
import { ParleyError, type FileData, type JsonObject, type Reply } from '@parley/domain';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SessionView, TurnRequest, TurnResult, TurnService } from '../turns/turn-service';
import { registerWebSocketChannel, type WebSocketChannelOptions } from './index';

const MAX_FRAME_BYTES = 1024;
const WELCOME: Reply = { type: 'str', content: 'Welcome' };
const EVERY_REPLY: Reply[] = [
  { type: 'str', content: 'plain' },
  { type: 'markdown', content: '**bold**' },
  { type: 'options', content: ['A', 'B'] },
  { type: 'file', content: { name: 'a.txt', type: 'text/plain', base64: 'aGk=' } },
  { type: 'image', content: { name: 'a.png', type: 'image/png', base64: 'iVBORw==' } },
  { type: 'location', content: { latitude: 49.6, longitude: 6.13 } },
  { type: 'json', content: { nested: [1, true, null] } },
];

/** Echoes text; `slow:<ms>:<label>` answers `label` after a delay; `fail`/`crash` throw; `everything` sends each reply type. */
class FakeTurns implements TurnService {
  readonly requests: Array<{ id: string; request: TurnRequest | 'reset'; messageId?: string }> = [];
  readonly sessions = new Map<string, { state: string; chatHistory: Array<[string, 0 | 1]> }>();
  private readonly answered = new Map<string, TurnResult>();
  private readonly listeners = new Set<(result: TurnResult) => void>();
  private readonly replyListeners = new Set<(id: string, reply: Reply) => void>();
  failCreate: ParleyError | undefined;
  private next = 0;

  async create(id = `session-${++this.next}`): Promise<TurnResult> {
    if (this.failCreate) throw this.failCreate;
    this.sessions.set(id, { state: 'initial', chatHistory: [['Welcome', 0]] });
    return this.announce({ id, state: 'initial', replies: [WELCOME] });
  }

  async turn(id: string, request: TurnRequest, messageId?: string): Promise<TurnResult> {
    const session = this.session(id);
    this.requests.push({ id, request, messageId });
    // An idempotent retry answers with the stored result and, like a replay, announces nothing.
    const stored = messageId === undefined ? undefined : this.answered.get(messageId);
    if (stored) return stored;
    const replies = await this.replies(request);
    session.state = 'talking';
    session.chatHistory.push([request.kind === 'message' ? request.text : request.kind, 1]);
    const result = this.announce({ id, state: 'talking', replies });
    if (messageId !== undefined) this.answered.set(messageId, result);
    return result;
  }

  async reset(id: string): Promise<TurnResult> {
    this.session(id).state = 'initial';
    this.requests.push({ id, request: 'reset' });
    return this.announce({ id, state: 'initial', replies: [WELCOME] });
  }

  async get(id: string): Promise<SessionView> {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new ParleyError('INVALID_ARGUMENT', 'bad id', { field: 'id' });
    const session = this.session(id);
    return { id, state: session.state, variables: {}, chatHistory: session.chatHistory };
  }

  async delete(id: string): Promise<void> {
    this.sessions.delete(id);
  }

  onResult(listener: (result: TurnResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onReply(listener: (id: string, reply: Reply) => void): () => void {
    this.replyListeners.add(listener);
    return () => this.replyListeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size + this.replyListeners.size;
  }

  private async replies(request: TurnRequest): Promise<Reply[]> {
    if (request.kind === 'file') return [{ type: 'file', content: request.file }];
    if (request.kind === 'event') return [{ type: 'json', content: { event: request.name, params: request.params } }];
    const [command, ms, label] = request.text.split(':');
    if (command === 'slow') await new Promise((resolve) => setTimeout(resolve, Number(ms)));
    if (command === 'slow') return [{ type: 'str', content: label ?? '' }];
    if (request.text === 'fail') throw new ParleyError('NLU_UNAVAILABLE', 'the NLU did not answer in time');
    if (request.text === 'crash') throw new Error('secret stack details');
    if (request.text === 'everything') return EVERY_REPLY;
    return [{ type: 'str', content: `echo: ${request.text}` }];
  }

  private session(id: string): { state: string; chatHistory: Array<[string, 0 | 1]> } {
    const session = this.sessions.get(id);
    if (!session) throw new ParleyError('SESSION_NOT_FOUND', `no session ${id}`, { field: 'id' });
    return session;
  }

  /** As SessionTurns does: each reply as it is sent, then the result once the turn is over. */
  private announce(result: TurnResult): TurnResult {
    for (const reply of result.replies) for (const listener of this.replyListeners) listener(result.id, reply);
    for (const listener of this.listeners) listener(result);
    return result;
  }
}

interface Frame {
  action: string;
  message: any;
}

/** A real `ws` client that keeps every frame it receives, to be taken one at a time in arrival order. */
class Client {
  readonly socket: WebSocket;
  private readonly frames: Frame[] = [];
  private readonly waiters: Array<(frame: Frame) => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      const waiter = this.waiters.shift();
      if (waiter) waiter(frame);
      else this.frames.push(frame);
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static async open(url: string, options: WebSocket.ClientOptions = {}): Promise<Client> {
    const client = new Client(new WebSocket(url, options));
    await new Promise((resolve, reject) => {
      client.socket.once('open', resolve);
      client.socket.once('error', reject);
    });
    return client;
  }

  /** Opens a socket and takes its session frame. */
  static async session(url: string, options?: WebSocket.ClientOptions): Promise<{ client: Client; session: Frame }> {
    const client = await Client.open(url, options);
    return { client, session: await client.next() };
  }

  next(timeoutMs = 2_000): Promise<Frame> {
    const frame = this.frames.shift();
    if (frame) return Promise.resolve(frame);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no frame within the timeout')), timeoutMs);
      this.waiters.push((next) => {
        clearTimeout(timer);
        resolve(next);
      });
    });
  }

  async take(count: number): Promise<Frame[]> {
    const frames: Frame[] = [];
    for (let i = 0; i < count; i += 1) frames.push(await this.next());
    return frames;
  }

  /** Nothing more arrives within `ms`. */
  async quiet(ms = 100): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    expect(this.frames).toEqual([]);
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  async say(text: string): Promise<Frame> {
    this.send({ action: 'user_message', message: text });
    return this.next();
  }
}

let app: FastifyInstance | undefined;
const clients: Client[] = [];

async function serve(options: Partial<WebSocketChannelOptions> = {}): Promise<{ turns: FakeTurns; url: string }> {
  const turns = (options.turns as FakeTurns | undefined) ?? new FakeTurns();
  app = Fastify();
  // Registered as an encapsulated plugin here; the browser test calls it directly on the app. Both must work.
  await app.register(registerWebSocketChannel, { maxFrameBytes: MAX_FRAME_BYTES, ...options, turns });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { turns, url: `${address.replace('http', 'ws')}/v1/ws` };
}

async function connect(url: string, options?: WebSocket.ClientOptions): Promise<{ client: Client; session: Frame }> {
  const opened = await Client.session(url, options);
  clients.push(opened.client);
  return opened;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await app?.close();
  app = undefined;
});

describe('WebSocket channel: actions', () => {
  it('opens a new session: the session frame first, then the initial body replies', async () => {
    const { url } = await serve();
    const { client, session } = await connect(url);
    expect(session).toEqual({
      action: 'session',
      message: { id: 'session-1', state: 'initial', resumed: false, chatHistory: [], maxFrameBytes: MAX_FRAME_BYTES },
    });
    expect(await client.next()).toEqual({ action: 'bot_reply_str', message: 'Welcome' });
  });

  it('runs user_message as a turn and passes message_id on as the idempotency key', async () => {
    const { url, turns } = await serve();
    const { client } = await connect(url);
    await client.next();
    client.send({ action: 'user_message', message: 'hello', message_id: 'm-1' });
    expect(await client.next()).toEqual({ action: 'bot_reply_str', message: 'echo: hello' });
    expect(turns.requests).toEqual([{ id: 'session-1', request: { kind: 'message', text: 'hello' }, messageId: 'm-1' }]);
  });

  it('sends every reply type as its bot_reply_* frame, options in BBF shape', async () => {
    const { url } = await serve();
    const { client } = await connect(url);
    await client.next();
    client.send({ action: 'user_message', message: 'everything' });
    expect(await client.take(EVERY_REPLY.length)).toEqual([
      { action: 'bot_reply_str', message: 'plain' },
      { action: 'bot_reply_markdown', message: '**bold**' },
      { action: 'bot_reply_options', message: '{"0":"A","1":"B"}' },
      { action: 'bot_reply_file', message: { name: 'a.txt', type: 'text/plain', base64: 'aGk=' } },
      { action: 'bot_reply_image', message: { name: 'a.png', type: 'image/png', base64: 'iVBORw==' } },
      { action: 'bot_reply_location', message: { latitude: 49.6, longitude: 6.13 } },
      { action: 'bot_reply_json', message: { nested: [1, true, null] } },
    ]);
  });

  it('takes user_file as an object or as BBF’s JSON string', async () => {
    const { url, turns } = await serve();
    const { client } = await connect(url);
    await client.next();
    const file: FileData = { name: 'notes.txt', type: 'text/plain', base64: Buffer.from('hi there').toString('base64') };
    client.send({ action: 'user_file', message: file });
    client.send({ action: 'user_file', message: JSON.stringify(file) });
    expect(await client.take(2)).toEqual([
      { action: 'bot_reply_file', message: file },
      { action: 'bot_reply_file', message: file },
    ]);
    expect(turns.requests.map((r) => r.request)).toEqual([
      { kind: 'file', file },
      { kind: 'file', file },
    ]);
  });

  it('runs user_event with its params, which default to {}', async () => {
    const { url } = await serve();
    const { client } = await connect(url);
    await client.next();
    const params: JsonObject = { stars: 3, repo: 'parley' };
    client.send({ action: 'user_event', message: { name: 'star', params } });
    client.send({ action: 'user_event', message: { name: 'ping' } });
    expect(await client.take(2)).toEqual([
      { action: 'bot_reply_json', message: { event: 'star', params } },
      { action: 'bot_reply_json', message: { event: 'ping', params: {} } },
    ]);
  });

  it('resets the session and sends the initial body replies again', async () => {
    const { url, turns } = await serve();
    const { client } = await connect(url);
    await client.next();
    await client.say('hello');
    client.send({ action: 'reset' });
    expect(await client.next()).toEqual({ action: 'bot_reply_str', message: 'Welcome' });
    expect(turns.requests.at(-1)).toEqual({ id: 'session-1', request: 'reset' });
    expect(turns.sessions.get('session-1')?.state).toBe('initial');
  });
});

describe('WebSocket channel: bad frames and failures', () => {
  const oversize = JSON.stringify({ action: 'user_message', message: 'x'.repeat(MAX_FRAME_BYTES) });
  const cases: Array<[string, string | Buffer, string, string]> = [
    ['non-JSON', 'hello there', 'INVALID_ARGUMENT', 'frame'],
    ['a JSON array', '[1, 2]', 'INVALID_ARGUMENT', 'frame'],
    ['no action', '{"message": "hi"}', 'INVALID_ARGUMENT', 'action'],
    ['an unknown action', '{"action": "user_voice", "message": "UklGRg=="}', 'INVALID_ARGUMENT', 'action'],
    ['a number as text', '{"action": "user_message", "message": 42}', 'INVALID_ARGUMENT', 'message'],
    ['no message', '{"action": "user_message"}', 'INVALID_ARGUMENT', 'message'],
    ['a file without base64', '{"action": "user_file", "message": {"name": "a", "type": "b"}}', 'INVALID_ARGUMENT', 'message.base64'],
    ['a file as broken JSON', '{"action": "user_file", "message": "{oops"}', 'INVALID_ARGUMENT', 'message'],
    ['event params as a list', '{"action": "user_event", "message": {"name": "e", "params": []}}', 'INVALID_ARGUMENT', 'message.params'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'INVALID_ARGUMENT', 'frame'],
    ['an oversize frame', oversize, 'PAYLOAD_TOO_LARGE', 'frame'],
  ];

  it.each(cases)('answers %s with an error frame and keeps the socket usable', async (_name, data, code, field) => {
    const { url } = await serve();
    const { client } = await connect(url);
    await client.next();
    // A Buffer sent with binary: false is a text frame carrying exactly those bytes.
    client.socket.send(data, { binary: false });
    const error = await client.next();
    expect(error).toMatchObject({ action: 'error', message: { code, field } });
    expect(typeof error.message.message).toBe('string');
    expect(await client.say('still there?')).toEqual({ action: 'bot_reply_str', message: 'echo: still there?' });
  });

  it('refuses binary frames with an error frame', async () => {
    const { url } = await serve();
    const { client } = await connect(url);
    await client.next();
    client.socket.send(Buffer.from('{"action":"reset"}'), { binary: true });
    expect(await client.next()).toMatchObject({ action: 'error', message: { code: 'INVALID_ARGUMENT', field: 'frame' } });
    expect(await client.say('ok')).toEqual({ action: 'bot_reply_str', message: 'echo: ok' });
  });

  it('closes with 1009 only for a frame over twice the limit, which ws refuses before buffering it', async () => {
    const { url } = await serve();
    const { client } = await connect(url);
    await client.next();
    client.send('x'.repeat(MAX_FRAME_BYTES * 2 + 1));
    expect((await client.closed).code).toBe(1009);
  });

  it('reports a ParleyError from the TurnService with its code, and an unknown error as INTERNAL without details', async () => {
    const { url } = await serve();
    const { client } = await connect(url);
    await client.next();
    expect(await client.say('fail')).toEqual({
      action: 'error',
      message: { code: 'NLU_UNAVAILABLE', message: 'the NLU did not answer in time' },
    });
    expect(await client.say('crash')).toEqual({ action: 'error', message: { code: 'INTERNAL', message: 'internal error' } });
    expect(await client.say('again')).toEqual({ action: 'bot_reply_str', message: 'echo: again' });
  });

  it('refuses frames beyond the queue limit instead of buffering them', async () => {
    const { url } = await serve({ maxQueuedFrames: 2 });
    const { client } = await connect(url);
    await client.next();
    for (const label of ['a', 'b', 'c', 'd']) client.send({ action: 'user_message', message: `slow:30:${label}` });
    const frames = await client.take(4);
    const refused = frames.filter((frame) => frame.action === 'error');
    expect(refused.length).toBeGreaterThan(0);
    for (const frame of refused) expect(frame.message.code).toBe('RESOURCE_EXHAUSTED');
    const answered = frames.filter((frame) => frame.action === 'bot_reply_str').map((frame) => frame.message);
    expect(answered).toEqual(['a', 'b', 'c', 'd'].slice(0, answered.length));
  });

  it('sends an error frame and closes with 1013 when no session can be opened', async () => {
    const turns = new FakeTurns();
    turns.failCreate = new ParleyError('STORE_UNAVAILABLE', 'the session store is down');
    const { url } = await serve({ turns });
    const client = await Client.open(url);
    clients.push(client);
    expect(await client.next()).toEqual({ action: 'error', message: { code: 'STORE_UNAVAILABLE', message: 'the session store is down' } });
    expect((await client.closed).code).toBe(1013);
  });

  it('refuses a maxFrameBytes that is not a positive integer', async () => {
    app = Fastify();
    await expect(registerWebSocketChannel(app, { turns: new FakeTurns(), maxFrameBytes: 0 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'maxFrameBytes',
    });
  });
});

describe('WebSocket channel: sessions, order and shutdown', () => {
  it('resumes a session by ?session_id= and by the X-Session-ID header, with its chat history', async () => {
    const { url } = await serve();
    const first = await connect(url);
    await first.client.next();
    await first.client.say('hello');
    const ways: Array<[string, Record<string, string>]> = [
      ['?session_id=session-1', {}],
      ['', { 'x-session-id': 'session-1' }],
    ];
    for (const [query, headers] of ways) {
      const { session } = await connect(url + query, { headers });
      expect(session.message).toMatchObject({ id: 'session-1', state: 'talking', resumed: true });
      expect(session.message.chatHistory).toEqual([
        ['Welcome', 0],
        ['hello', 1],
      ]);
    }
  });

  it('starts a new session after an error frame when the id is unknown or malformed', async () => {
    const { url } = await serve();
    for (const [id, code] of [
      ['gone', 'SESSION_NOT_FOUND'],
      ['bad%20id!', 'INVALID_ARGUMENT'],
    ]) {
      const client = await Client.open(`${url}?session_id=${id}`);
      clients.push(client);
      expect(await client.next()).toMatchObject({ action: 'error', message: { code } });
      const session = await client.next();
      expect(session.message).toMatchObject({ resumed: false, state: 'initial' });
      expect(session.message.id).not.toBe(id);
      expect(await client.next()).toEqual({ action: 'bot_reply_str', message: 'Welcome' });
    }
  });

  it('sends every result of a session to each of its sockets, including turns run outside the channel', async () => {
    const { url, turns } = await serve();
    const a = await connect(url);
    await a.client.next();
    const b = await connect(`${url}?session_id=${a.session.message.id}`);
    const other = await connect(url);
    await other.client.next();
    a.client.send({ action: 'user_message', message: 'from a' });
    expect(await a.client.next()).toEqual({ action: 'bot_reply_str', message: 'echo: from a' });
    expect(await b.client.next()).toEqual({ action: 'bot_reply_str', message: 'echo: from a' });
    await turns.turn('session-1', { kind: 'message', text: 'from REST' });
    expect(await a.client.next()).toEqual({ action: 'bot_reply_str', message: 'echo: from REST' });
    expect(await b.client.next()).toEqual({ action: 'bot_reply_str', message: 'echo: from REST' });
    await other.client.quiet();
  });

  it('answers an idempotent retry the TurnService does not announce, to the asking socket only', async () => {
    const { url } = await serve();
    const a = await connect(url);
    await a.client.next();
    const b = await connect(`${url}?session_id=session-1`);
    const frame = { action: 'user_message', message: 'once', message_id: 'retry-1' };
    a.client.send(frame);
    await b.client.next();
    expect(await a.client.next()).toEqual({ action: 'bot_reply_str', message: 'echo: once' });
    a.client.send(frame);
    expect(await a.client.next()).toEqual({ action: 'bot_reply_str', message: 'echo: once' });
    await b.client.quiet();
  });

  it('processes one socket’s frames in order, error frames included, even those sent before the session frame', async () => {
    const { url } = await serve();
    const client = await Client.open(url);
    clients.push(client);
    client.send({ action: 'user_message', message: 'slow:60:first' });
    client.send('not json');
    client.send({ action: 'user_message', message: 'slow:0:second' });
    client.send({ action: 'user_message', message: 'slow:20:third' });
    const frames = await client.take(6);
    expect(frames.map((frame) => (frame.action === 'bot_reply_str' ? frame.message : frame.action))).toEqual([
      'session',
      'Welcome',
      'first',
      'error',
      'second',
      'third',
    ]);
  });

  it('on close, finishes the turn in flight, then closes every socket with 1012 and a reconnect hint, and unsubscribes', async () => {
    const { url, turns } = await serve();
    const { client } = await connect(url);
    await client.next();
    client.send({ action: 'user_message', message: 'slow:100:finished' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const closing = app?.close();
    expect(await client.next()).toEqual({ action: 'bot_reply_str', message: 'finished' });
    const closed = await client.closed;
    expect(closed.code).toBe(1012);
    expect(JSON.parse(closed.reason)).toEqual({ reconnect: true, retryAfterMs: 500 });
    await closing;
    app = undefined;
    expect(turns.listenerCount).toBe(0);
  });

  it('drops a socket that stops answering pings, and keeps one that answers', async () => {
    const { url } = await serve({ heartbeatMs: 40 });
    const silent = await connect(url, { autoPong: false });
    const lively = await connect(url);
    expect((await silent.client.closed).code).toBe(1006);
    expect(lively.client.socket.readyState).toBe(WebSocket.OPEN);
  });
});
