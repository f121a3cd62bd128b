import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import {
  openMediaStorage,
  type MediaStorage,
} from '../../src/media/storage/storage.ts';
import { STORAGES, storageEnv } from '../support/s3Server.ts';

for (const name of STORAGES) {
  describe(`media storage [${name}]`, () => {
    let storage: MediaStorage;
    let stop: () => Promise<void>;
    const scratch = mkdtempSync(join(tmpdir(), 'newsdesk-scratch-'));
    before(async () => {
      const server = await storageEnv(name);
      stop = server.stop;
      storage = openMediaStorage(loadConfig(server.env).media.storage);
    });
    after(async () => {
      await storage.close();
      await stop();
      rmSync(scratch, { recursive: true, force: true });
    });

    it('is the adapter the configuration names', () =>
      assert.equal(storage.kind, name));

    it('stores bytes and a file, reads them back, and says what exists', async () => {
      await storage.put(
        'originals/ab/one.jpg',
        Buffer.from('premier'),
        'image/jpeg',
      );
      const file = join(scratch, 'upload.bin');
      writeFileSync(file, Buffer.alloc(300_000, 7));
      await storage.putFile('originals/cd/two.png', file, 'image/png');
      assert.equal(
        (await storage.get('originals/ab/one.jpg'))?.toString(),
        'premier',
      );
      assert.deepEqual(
        await storage.get('originals/cd/two.png'),
        Buffer.alloc(300_000, 7),
      );
      assert.equal(await storage.exists('originals/ab/one.jpg'), true);
      assert.equal(await storage.exists('originals/ab/none.jpg'), false);
      assert.equal(await storage.get('originals/ab/none.jpg'), null);
    });

    it('lists keys under a prefix', async () => {
      await storage.put(
        'renditions/7/a-320.webp',
        Buffer.from('a'),
        'image/webp',
      );
      await storage.put(
        'renditions/7/b-640.webp',
        Buffer.from('b'),
        'image/webp',
      );
      await storage.put(
        'renditions/8/c-320.webp',
        Buffer.from('c'),
        'image/webp',
      );
      const keys: string[] = [];
      for await (const key of storage.list('renditions/7/')) keys.push(key);
      assert.deepEqual(keys.sort(), [
        'renditions/7/a-320.webp',
        'renditions/7/b-640.webp',
      ]);
    });

    it('overwrites a key whole and deletes it; deleting a missing key is fine', async () => {
      await storage.put('renditions/9/x.jpg', Buffer.from('old'), 'image/jpeg');
      await storage.put('renditions/9/x.jpg', Buffer.from('new'), 'image/jpeg');
      assert.equal(
        (await storage.get('renditions/9/x.jpg'))?.toString(),
        'new',
      );
      await storage.delete('renditions/9/x.jpg');
      assert.equal(await storage.exists('renditions/9/x.jpg'), false);
      await storage.delete('renditions/9/x.jpg');
    });

    it('refuses keys that could leave their folder', async () => {
      await assert.rejects(
        storage.put('../escape.jpg', Buffer.from('x'), 'image/jpeg'),
        /unsafe/,
      );
      await assert.rejects(storage.get('originals//x'), /unsafe/);
    });
  });
}
