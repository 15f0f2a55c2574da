/**
 * The municipality profile: `--profile FILE` / the `profile` option, validated at start (a
 * bad one stops the server, naming the file and the field), served at `GET /profile`, and
 * its level models used by the level-change write rule.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PROFILE } from '@samrad/model';
import { describe, expect, it } from 'vitest';
import { start } from './helpers.js';

const profiles = fileURLToPath(new URL('../../packages/model/profiles/', import.meta.url));
const serverDir = fileURLToPath(new URL('..', import.meta.url));

function badProfileFile(): string {
  const sel = JSON.parse(readFileSync(join(profiles, 'sel.json'), 'utf8')) as { resourceTeam: { answerWithinDays: unknown } };
  sel.resourceTeam.answerWithinDays = { value: 'a week' };
  const file = join(mkdtempSync(join(tmpdir(), 'samrad-profile-')), 'bad.json');
  writeFileSync(file, JSON.stringify(sel));
  return file;
}

describe('municipality profile', () => {
  it('serves the default profile at GET /profile when none is given', async () => {
    const server = await start({ db: 'sqlite::memory:' });
    try {
      const res = await fetch(`${server.httpUrl}/profile`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(JSON.parse(JSON.stringify(DEFAULT_PROFILE)));
      expect(server.profile.id).toBe('default');
    } finally {
      await server.close();
    }
  });

  it('loads a profile file and serves it read-only', async () => {
    const server = await start({ db: 'sqlite::memory:', profile: join(profiles, 'siljan.json') });
    try {
      const body = await (await fetch(`${server.httpUrl}/profile`)).json() as { id: string; absence: { percentage: { value: number } } };
      expect(body.id).toBe('siljan');
      expect(body.absence.percentage.value).toBe(10);
      expect((await fetch(`${server.httpUrl}/profile`, { method: 'POST', body: '{}' })).status).not.toBe(200);
    } finally {
      await server.close();
    }
  });

  it('refuses to start on a bad profile, naming the file and the field', async () => {
    const file = badProfileFile();
    await expect(start({ db: 'sqlite::memory:', profile: file })).rejects.toThrow(`profile ${file}`);
    await expect(start({ db: 'sqlite::memory:', profile: file })).rejects.toThrow(/resourceTeam\.answerWithinDays\.value/);
    await expect(start({ db: 'sqlite::memory:', profile: join(profiles, 'nope.json') })).rejects.toThrow(/cannot be read \(ENOENT\)/);
  });

  it('the CLI exits non-zero on a bad --profile, with the file and field on stderr', () => {
    const file = badProfileFile();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--port', '0', '--db', 'sqlite::memory:', '--profile', file], {
      cwd: serverDir, env: { ...process.env, SAMRAD_SECRET: 'test-secret-test-secret-test-secret' }, encoding: 'utf8', timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`profile ${file}`);
    expect(run.stderr).toContain('resourceTeam.answerWithinDays.value');
  });
});
