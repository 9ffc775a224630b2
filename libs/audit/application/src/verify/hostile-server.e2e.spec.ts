import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventStoreTables } from '@factledger/event-store';
import {
  MemoryMerkleTree,
  eventLeafHash,
  keyIdOf,
  rawPublicKey,
  signCheckpoint,
  toHex,
  type LoggedEvent,
  type SignedCheckpoint,
} from '@factledger/audit-domain';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { Sealer } from '../sealer/sealer';
import { createAuditTestApp } from '../testing/audit-test-app';
import { seedEvents, testSigningKey } from '../testing/ledger-fixture';
import { runVerify, VERIFY_DEFAULTS } from './verify-cli';

type EventJson = LoggedEvent & { cursor: string; transactionId: string; leafIndex: number | null };

/** How a hostile server rewrites what the honest one would answer. */
interface Hostility {
  /** Rewrites the served log; the fake server pages it itself. */
  events?: (events: EventJson[]) => EventJson[];
  /** Rewrites any other JSON answer. */
  answer?: (pathname: string, query: URLSearchParams, body: any) => any;
}

/**
 * A fake API in front of a real, sealed ledger: every answer is derived from
 * the honest server's (app.inject), then manipulated.
 */
async function hostileServer(app: NestFastifyApplication, hostility: Hostility) {
  const honest = async (url: string) => (await app.inject({ method: 'GET', url })).json();
  let log: EventJson[] | null = null;
  const servedLog = async () => {
    if (!log) {
      const all = (await honest('/v1/events?limit=1000')).events as EventJson[];
      log = hostility.events ? hostility.events(structuredClone(all)) : all;
    }
    return log;
  };
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url!, 'http://x');
      let status = 200;
      let body: unknown;
      if (url.pathname === '/v1/events') {
        const events = await servedLog();
        const after = url.searchParams.get('after');
        const start = after ? events.findIndex((e) => e.cursor === after) + 1 : 0;
        const limit = Number(url.searchParams.get('limit') ?? 100);
        const page = events.slice(start, start + limit);
        body = { events: page, nextCursor: page.at(-1)?.cursor ?? after ?? '', hasMore: start + limit < events.length };
      } else {
        const real = await app.inject({ method: req.method as 'GET', url: req.url! });
        status = real.statusCode;
        body = hostility.answer ? hostility.answer(url.pathname, url.searchParams, real.json()) : real.json();
      }
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    })().catch((e: Error) => res.writeHead(500).end(e.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('verify against a hostile server', () => {
  const key = testSigningKey();
  let t: TestDatabase<EventStoreTables>;
  let app: NestFastifyApplication;
  let sealer: Sealer;
  let dir: string;
  let honestLog: EventJson[];
  let early: SignedCheckpoint;
  let stateNo = 0;

  /** Runs the verifier against a hostile server; `state` continues an earlier run's state file. */
  async function verifyAgainst(hostility: Hostility, state = `state-${++stateNo}.json`) {
    const server = await hostileServer(app, hostility);
    let out = '';
    try {
      const code = await runVerify(
        { ...VERIFY_DEFAULTS, api: server.url, stateFile: state, spotChecks: 8 },
        {
          stdout: (text) => (out += text),
          stderr: (text) => (out += text),
          cwd: dir,
          random: () => 0.5,
        },
      );
      return { code, out, failure: /FAIL .*/.exec(out)?.[0] ?? '' };
    } finally {
      await server.close();
    }
  }
  const honestState = async () => {
    const state = `remembered-${++stateNo}.json`;
    expect((await verifyAgainst({}, state)).code).toBe(0);
    return state;
  };

  beforeAll(async () => {
    t = await createTestDatabase<EventStoreTables>();
    dir = mkdtempSync(path.join(tmpdir(), 'factledger-hostile-'));
    app = await createAuditTestApp(t.url);
    sealer = new Sealer({ connectionString: t.sealerUrl, key, checkpointIntervalMs: 0 });
    await seedEvents(t.db, 6);
    early = (await sealer.checkpointNow())!;
    await seedEvents(t.db, 10, 6);
    await sealer.checkpointNow();
    honestLog = (await app.inject({ method: 'GET', url: '/v1/events?limit=1000' })).json().events;
  });
  afterAll(async () => {
    await sealer.stop();
    await app.close();
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes when the server is honest (control)', async () => {
    const { code, out } = await verifyAgainst({});
    expect(out).toContain('PASS: the first 16 events');
    expect(code).toBe(0);
  });

  it('rejects a modified event, naming it and its leaf', async () => {
    const victim = honestLog[5]!;
    const { code, failure } = await verifyAgainst({
      events: (events) => events.map((e) => (e.id === victim.id ? { ...e, data: { ...(e.data as object), value: 999 } } : e)),
    });
    expect(code).toBe(1);
    expect(failure).toContain(`FAIL [event.altered] leaf 5: event ${victim.id} (position ${victim.position}) does not match checkpoint 16`);
  });

  it('rejects a modified recording time or metadata just the same', async () => {
    const victim = honestLog[9]!;
    const actor = await verifyAgainst({
      events: (events) => events.map((e) => (e.id === victim.id ? { ...e, metadata: { ...(e.metadata as object), actor: 'mallory' } } : e)),
    });
    expect(actor.failure).toContain(`[event.altered] leaf 9: event ${victim.id}`);
    const time = await verifyAgainst({
      events: (events) => events.map((e) => (e.id === victim.id ? { ...e, recordedAt: '2020-01-01T00:00:00.000Z' } : e)),
    });
    expect(time.failure).toContain(`[event.altered] leaf 9: event ${victim.id}`);
  });

  it('rejects a removed event, saying which leaf is missing', async () => {
    const removed = honestLog[7]!;
    const next = honestLog[8]!;
    const { code, failure } = await verifyAgainst({ events: (events) => events.filter((e) => e.id !== removed.id) });
    expect(code).toBe(1);
    expect(failure).toContain(
      `FAIL [log.event_removed] leaf 7: the event checkpointed there is missing from the log (just before event ${next.id} (position ${next.position}))`,
    );
  });

  it('rejects two swapped events', async () => {
    const [a, b] = [honestLog[2]!, honestLog[3]!];
    const { code, failure } = await verifyAgainst({ events: (events) => [...events.slice(0, 2), events[3]!, events[2]!, ...events.slice(4)] });
    expect(code).toBe(1);
    expect(failure).toContain(
      `FAIL [log.reordered] leaves 2 and 3 are swapped: the log serves event ${b.id} (position ${b.position}) before event ${a.id}`,
    );
  });

  it('rejects an inserted event and a truncated log', async () => {
    const forged = { ...honestLog[4]!, id: '00000000-0000-4000-8000-000000000000', position: '999999' };
    const inserted = await verifyAgainst({ events: (events) => [...events.slice(0, 4), forged, ...events.slice(4)] });
    expect(inserted.failure).toContain(`FAIL [log.event_inserted] leaf 4: event ${forged.id} (position 999999) is not in checkpoint 16`);
    const truncated = await verifyAgainst({ events: (events) => events.slice(0, 13) });
    expect(truncated.failure).toContain('FAIL [log.truncated] the log ends after 13 events, but checkpoint 16 covers 16');
  });

  it('rejects a forged inclusion proof, naming the leaf and event', async () => {
    const { code, failure } = await verifyAgainst({
      answer: (pathname, query, body) =>
        pathname === '/v1/proofs/inclusion' && query.get('event') === honestLog[8]!.id
          ? { ...body, proof: [toHex(Buffer.alloc(32, 7)), ...body.proof.slice(1)] }
          : body,
    });
    expect(code).toBe(1);
    expect(failure).toContain(
      `FAIL [proof.inclusion_invalid] the server's inclusion proof for leaf 8 (event ${honestLog[8]!.id}) at size 16 is invalid`,
    );
  });

  it('rejects an inclusion proof that places the event at another leaf', async () => {
    const { failure } = await verifyAgainst({
      answer: (pathname, query, body) =>
        pathname === '/v1/proofs/inclusion' && query.get('event') === honestLog[0]!.id ? { ...body, leafIndex: 1 } : body,
    });
    expect(failure).toContain(
      `FAIL [proof.wrong_leaf] the server places event ${honestLog[0]!.id} at leaf 1 of size 16, but the log puts it at leaf 0 of 16`,
    );
  });

  it('rejects a checkpoint with a wrong signature', async () => {
    const { code, failure } = await verifyAgainst({
      answer: (pathname, _q, body) => {
        if (pathname !== '/v1/checkpoints/latest') return body;
        const signature = Buffer.from(body.signature, 'base64');
        signature[10]! ^= 1;
        return { ...body, signature: signature.toString('base64') };
      },
    });
    expect(code).toBe(1);
    expect(failure).toMatch(
      /FAIL \[checkpoint\.bad_signature\] checkpoint 16 \(root [0-9a-f]{16}…, issued .*\): the Ed25519 signature does not verify with key/,
    );
  });

  it('rejects a checkpoint whose signed fields were changed (signature no longer matches)', async () => {
    const { failure } = await verifyAgainst({
      answer: (pathname, _q, body) =>
        pathname === '/v1/checkpoints/latest' ? { ...body, lastPosition: String(Number(body.lastPosition) + 1) } : body,
    });
    expect(failure).toContain('FAIL [checkpoint.bad_signature] checkpoint 16');
  });

  it('rejects a changed public key, even with checkpoints properly signed by it', async () => {
    const state = await honestState();
    const other = generateKeyPairSync('ed25519');
    const otherId = keyIdOf(other.publicKey);
    const { code, failure } = await verifyAgainst(
      {
        answer: (pathname, _q, body) =>
          pathname === '/v1/audit/public-key'
            ? { ...body, keyId: otherId, publicKey: rawPublicKey(other.publicKey).toString('base64') }
            : pathname === '/v1/checkpoints/latest'
              ? signCheckpoint({ ...body, keyId: otherId }, other.privateKey)
              : body,
      },
      state,
    );
    expect(code).toBe(1);
    expect(failure).toContain(`FAIL [key.changed] the checkpoint key changed: pinned ${key.keyId}, the server now serves ${otherId}`);
  });

  it('rejects a server that lies about its key id', async () => {
    const { failure } = await verifyAgainst({
      answer: (pathname, _q, body) => (pathname === '/v1/audit/public-key' ? { ...body, keyId: '0'.repeat(32) } : body),
    });
    expect(failure).toContain(`FAIL [key.id_mismatch] the server calls its key ${'0'.repeat(32)}, but that key's id is ${key.keyId}`);
  });

  it('rejects a validly signed checkpoint that does not extend the remembered one (a rewritten history)', async () => {
    const state = await honestState(); // remembers checkpoint 16
    await seedEvents(t.db, 4, 16);
    const real = (await sealer.checkpointNow())!;
    // The operator rewrites event 1 and re-signs a consistent-looking tree of the new size with the real key.
    const all = (await app.inject({ method: 'GET', url: '/v1/events?limit=1000' })).json().events as EventJson[];
    const forgedLog = all.map((e, i) => (i === 1 ? { ...e, data: { rewritten: true } } : e));
    const forgedTree = new MemoryMerkleTree(forgedLog.map(eventLeafHash));
    const forged = signCheckpoint({ ...real, rootHash: toHex(forgedTree.root()), issuedAt: new Date().toISOString() }, key.privateKey);
    const { code, failure } = await verifyAgainst(
      {
        events: () => forgedLog,
        answer: (pathname, query, body) => {
          if (pathname === '/v1/checkpoints/latest') return forged;
          if (pathname === '/v1/proofs/consistency')
            return { ...body, proof: forgedTree.consistencyProof(Number(query.get('from')), Number(query.get('to'))).map(toHex) };
          return body;
        },
      },
      state,
    );
    expect(code).toBe(1);
    expect(failure).toMatch(
      /FAIL \[checkpoint\.not_extending\] checkpoint 20 \(root [0-9a-f]{16}…\) does not extend the remembered checkpoint 16 \(root [0-9a-f]{16}…\): proof rebuilds/,
    );
  });

  it('rejects a rollback to an older checkpoint, and a second root for the same size', async () => {
    const state = await honestState();
    const rollback = await verifyAgainst({ answer: (pathname, _q, body) => (pathname === '/v1/checkpoints/latest' ? early : body) }, state);
    expect(rollback.failure).toContain(
      `FAIL [checkpoint.rollback] the latest checkpoint (size ${early.treeSize}) is older than the remembered checkpoint`,
    );
    const fork = await verifyAgainst(
      {
        answer: (pathname, _q, body) =>
          pathname === '/v1/checkpoints/latest' ? signCheckpoint({ ...body, rootHash: toHex(Buffer.alloc(32, 1)) }, key.privateKey) : body,
      },
      state,
    );
    expect(fork.failure).toMatch(/FAIL \[checkpoint\.fork\] two different roots for size \d+/);
  });

  it('does not remember anything from a failed run', async () => {
    const state = await honestState();
    await verifyAgainst({ answer: (pathname, _q, body) => (pathname === '/v1/checkpoints/latest' ? early : body) }, state);
    expect((await verifyAgainst({}, state)).code).toBe(0);
  });
});
