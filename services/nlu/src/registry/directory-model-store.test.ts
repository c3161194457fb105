/** The model store contract on a directory (the embedded default), replicas sharing the folder. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeModelStoreContract } from './model-store.contract';
import { openModelStore } from './open-model-store';

describeModelStoreContract('DirectoryModelStore', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'parley-model-store-'));
  return {
    open: () => openModelStore({ kind: 'directory', dir }),
    env: { PARLEY_MODEL_DIR: dir },
    destroy: () => rm(dir, { recursive: true, force: true }),
  };
});
