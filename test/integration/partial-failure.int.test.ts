import { stepsOf } from '../../demo/world';
import { startTestHub, type TestHub } from '../harness';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.stop();
});

describe('when a partner’s subgraph is down', () => {
  it('still answers with the other partners’ data and names the missing partner', async () => {
    // Someone followed by both a CFA and a Mission locale (e.g. after a broken apprenticeship).
    const { id } = hub.stack.world!.youngs.find((young) => {
      const owners = stepsOf(young, 'follow-up').map((followUp) => followUp.owner);
      return owners.includes('cfa') && owners.includes('missions-locales');
    })!;
    const query = `query ($id: ID!) { young(id: $id) { firstName cfaFollowUps { programme } missionsLocalesFollowUps { programme } trajectory { partner kind } } }`;
    // The person themself: every category of their record is visible, so only the outage removes data.
    const asSelf = { token: await hub.tokenFor({ role: 'young', sub: id, org: 'SELF', territories: [] }) };
    const before = await hub.query(query, { id }, asSelf);
    expect(before.errors).toBeUndefined();
    const partnersBefore = new Set(
      before.data!.young.trajectory.map((event: { partner: string }) => event.partner),
    );
    expect(partnersBefore).toContain('CFA');

    await hub.stack.stopSubgraph('cfa');
    const after = await hub.query(query, { id }, asSelf);
    expect(after.status).toBe(200);
    expect(after.data!.young.firstName).toBe(before.data!.young.firstName);
    expect(after.data!.young.cfaFollowUps).toBeNull();
    expect(after.data!.young.missionsLocalesFollowUps).toEqual(before.data!.young.missionsLocalesFollowUps);
    const partnersAfter = new Set(
      after.data!.young.trajectory.map((event: { partner: string }) => event.partner),
    );
    expect(partnersAfter).not.toContain('CFA');
    expect(partnersAfter.size).toBe(partnersBefore.size - 1);
    const outage = after.errors?.find(
      (error) => error.extensions?.code === 'PARTNER_UNAVAILABLE' && error.extensions?.partner === 'CFA',
    );
    // Nothing listens on its port any more: the reason says so (or, after repeated failures, that the circuit
    // is open).
    expect(['CONNECTION_FAILED', 'CIRCUIT_OPEN']).toContain(outage?.extensions?.reason);
  });

  it('lists the other partners’ offers and names the missing one', async () => {
    const answer = await hub.query(`{ offers(first: 100) { totalCount nodes { partner } } }`);
    expect(answer.data!.offers.nodes.length).toBeGreaterThan(0);
    expect(answer.data!.offers.nodes.some((offer: { partner: string }) => offer.partner === 'CFA')).toBe(
      false,
    );
    expect(answer.errors?.map((error) => error.extensions?.partner)).toContain('CFA');
  });

  it('reports the gateway alive but not ready, naming the subgraph', async () => {
    const base = hub.stack.gateway.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'degraded',
      subgraphs: { cfa: false, psad: true, e2c: true },
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/hub_subgraph_up\{subgraph="cfa"\} 0/);
    expect(metrics).toMatch(/hub_partner_unavailable_total\{subgraph="cfa"\} [1-9]/);
  });
});
