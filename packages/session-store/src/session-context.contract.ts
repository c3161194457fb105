/**
 * What a session keeps between turns besides state and variables (BBF's session.predicted_intent, .message,
 * .file): read back by the next turn, the file kept by commits that do not say it changed, all three replaced
 * by a reset, and every JSON value exact.
 */
import { expect, it } from 'vitest';
import type { FileData, IntentClassifierPrediction } from '@parley/domain';
import type { ContractContext } from './session-store.contract';
import type { TurnCommit } from './session-store';
import { newId, turn } from '@parley/testkit/session-store/turns';

const prediction: IntentClassifierPrediction = {
  intent: 'weather_intent',
  score: 0.8125,
  matchedSentence: 'weather in ENT_CITY \u0000 東京',
  matchedParameters: [{ name: 'city1', value: 'Barcelona', info: { entry: 'Barcelona' } }],
  ranking: [
    { intent: 'weather_intent', score: 0.8125 },
    { intent: 'hello_intent', score: 0.125 },
  ],
  scope: 's0',
  modelVersion: 'abc123',
  fallbackReason: 'NONE',
};

const file: FileData = { name: 'cat \u0000 🐈.png', type: 'image/png', base64: 'iVBORw0KGgo=' };

/** A commit of session `id` at `version` carrying `fields`. */
function withContext(id: string, version: number, fields: Partial<TurnCommit['session']>, fileChanged?: boolean): TurnCommit {
  const commit = turn(id, version);
  return { ...commit, session: { ...commit.session, ...fields }, ...(fileChanged === undefined ? {} : { fileChanged }) };
}

export function describeSessionContextContract(context: ContractContext): void {
  it('keeps the last prediction, message and file for the next turn', async () => {
    const store = context.store();
    const id = newId();
    await store.create(turn(id, 0));
    expect(await store.get(id)).not.toHaveProperty('predictedIntent');
    await store.commit(withContext(id, 1, { predictedIntent: prediction, message: 'weather in barna \u0000' }));
    await store.commit(withContext(id, 2, { predictedIntent: prediction, message: file.name, file }, true));
    const { session } = await context.peer().loadTurn(id, { recentHistory: 0 });
    expect(session).toMatchObject({ predictedIntent: prediction, message: file.name, file, version: 3 });
    expect(await context.peer().get(id)).toEqual(session);
  });

  it('keeps the stored file through commits that did not receive one, and replaces it when told', async () => {
    const store = context.store();
    const id = newId();
    await store.create(turn(id, 0));
    await store.commit(withContext(id, 1, { file }, true));
    // A turn without a file need not send it again: whatever session.file holds, the stored file stays.
    await store.commit(withContext(id, 2, { message: 'next' }));
    await store.commit(withContext(id, 3, { message: 'next', file: { ...file, name: 'ignored.png' } }, false));
    expect((await store.get(id))?.file).toEqual(file);
    const other: FileData = { name: 'b.pdf', type: 'application/pdf', base64: Buffer.alloc(600_000, 7).toString('base64') };
    await store.commit(withContext(id, 4, { file: other }, true));
    expect((await store.loadTurn(id, { recentHistory: 1 })).session?.file).toEqual(other);
    await store.commit(withContext(id, 5, {}, true));
    expect(await store.get(id)).not.toHaveProperty('file');
  });

  it('replaces prediction, message and file on reset, and creates with what it is given', async () => {
    const store = context.store();
    const id = newId();
    await store.create(withContext(id, 0, { predictedIntent: prediction, message: 'hi', file }));
    expect(await store.get(id)).toMatchObject({ predictedIntent: prediction, message: 'hi', file });
    await store.reset(turn(id, 1));
    const reset = await store.get(id);
    expect(reset).toBeDefined();
    for (const field of ['predictedIntent', 'message', 'file']) expect(reset).not.toHaveProperty(field);
  });
}
