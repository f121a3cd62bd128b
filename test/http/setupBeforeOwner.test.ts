import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp } from '../support/app.ts';
import { buildUser, Client, PASSWORD } from '../support/newsroom.ts';
import { issueOneTimeLink } from '../../src/commands/accounts/tokens.ts';
import { hasOwner } from '../../src/db/repos/users.ts';

// An operator may invite a journalist from the command line (`user add`) before anyone opened
// the setup link: that account must not close the door on the owner.
describeEachDialect(
  'setup: the owner can still be created after an invitation',
  (getDb) => {
    test('a journalist added first; the setup link still creates the owner, then refuses', async () => {
      const t = await buildTestApp(getDb());
      try {
        await buildUser(t.ctx, 'journalist');
        assert.equal(await hasOwner(t.ctx.db), false);
        const link = await issueOneTimeLink(
          t.ctx.db,
          'https://journal.example',
          'setup',
          null,
          t.clock.now(),
        );
        const path = link.replace('https://journal.example', '');
        const token = new URL(link).searchParams.get('token')!;
        const anonymous = new Client(t.app);
        const ok = await anonymous.post(
          '/admin/setup',
          {
            token,
            email: 'patronne@journal.example',
            displayName: 'La Patronne',
            password: PASSWORD,
          },
          { csrf: await anonymous.csrf(path) },
        );
        assert.equal(ok.statusCode, 303);
        assert.equal(await hasOwner(t.ctx.db), true);

        const second = await issueOneTimeLink(
          t.ctx.db,
          'https://journal.example',
          'setup',
          null,
          t.clock.now(),
        );
        const again = await anonymous.post(
          '/admin/setup',
          {
            token: new URL(second).searchParams.get('token')!,
            email: 'autre@journal.example',
            displayName: 'Autre',
            password: PASSWORD,
          },
          { csrf: await anonymous.csrf('/admin/connexion') },
        );
        assert.equal(
          again.statusCode,
          403,
          'once the owner exists, no second one',
        );
      } finally {
        await t.app.close();
      }
    });
  },
);
