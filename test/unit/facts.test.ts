import { generateKeyPairSync } from 'node:crypto';
import { RequestFacts, signFact, type FactKeys } from '../../platform/auth/facts';
import type { SubgraphName } from '../../platform/partners';

const pair = () => generateKeyPairSync('ed25519');
const psad = pair();
const cfa = pair();
const YOUNG = '0b6f8a1e-6a34-4a57-9f6b-2d1c4b9e7a10';
const OTHER = '00000000-0000-4000-8000-000000000000';
const REQUEST = '5f0c1a52-8f7e-4b43-9d4f-3c2e2a1b0c9d';

const keysOf = (issuer: SubgraphName, privateKey = cfa.privateKey): FactKeys => ({
  issuer,
  privateKey,
  publicKeys: { psad: psad.publicKey, cfa: cfa.publicKey },
});
const followers = { followers: ['0381234A'] };

describe('an access fact', () => {
  it('is believed when its owner signed it about this person for this request', async () => {
    const facts = new RequestFacts(keysOf('psad', psad.privateKey), REQUEST);
    const report = await signFact(
      { issuer: 'cfa', privateKey: cfa.privateKey },
      'followers',
      YOUNG,
      REQUEST,
      followers,
    );
    expect(await facts.verify(report, 'followers', 'cfa', YOUNG)).toMatchObject(followers);
    expect(await facts.verify(report, 'followers', 'cfa', YOUNG.toUpperCase())).toMatchObject(followers);
  });

  it('is no fact when anything about it is not what the decision needs', async () => {
    const facts = new RequestFacts(keysOf('psad', psad.privateKey), REQUEST);
    const report = await signFact(
      { issuer: 'cfa', privateKey: cfa.privateKey },
      'followers',
      YOUNG,
      REQUEST,
      followers,
    );
    const cases: [string, Promise<unknown>][] = [
      ['absent', facts.verify(undefined, 'followers', 'cfa', YOUNG)],
      ['a plain list', facts.verify(['0381234A'], 'followers', 'cfa', YOUNG)],
      ['about someone else', facts.verify(report, 'followers', 'cfa', OTHER)],
      ['from another owner', facts.verify(report, 'followers', 'psad', YOUNG)],
      ['of another kind', facts.verify(report, 'access-subject', 'cfa', YOUNG)],
      [
        'from another request',
        new RequestFacts(keysOf('psad'), 'another').verify(report, 'followers', 'cfa', YOUNG),
      ],
      [
        'signed with a key the owner does not hold',
        signFact(
          { issuer: 'cfa', privateKey: pair().privateKey },
          'followers',
          YOUNG,
          REQUEST,
          followers,
        ).then((forged) => facts.verify(forged, 'followers', 'cfa', YOUNG)),
      ],
      [
        'from a subgraph whose key is not configured',
        signFact({ issuer: 'pjj', privateKey: cfa.privateKey }, 'followers', YOUNG, REQUEST, followers).then(
          (forged) => facts.verify(forged, 'followers', 'pjj', YOUNG),
        ),
      ],
    ];
    for (const [, verdict] of cases) expect(await verdict).toBeNull();
  });

  it('is signed once per person and kind in a request', async () => {
    const facts = new RequestFacts(keysOf('cfa'), REQUEST);
    let computed = 0;
    const claims = async () => {
      computed += 1;
      return followers;
    };
    const [first, again] = await Promise.all([
      facts.sign('followers', YOUNG, claims),
      facts.sign('followers', YOUNG, claims),
    ]);
    expect(again).toBe(first);
    expect(computed).toBe(1);
  });
});
