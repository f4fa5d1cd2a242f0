import type { DemoYoung } from '../../demo/world';
import { startTestHub, type TestHub } from '../harness';

/**
 * Every log line of the gateway and the subgraphs, after requests that carry a person's data in every
 * place a client can put it (variables of the wrong type, literals, a token's subject), refusals, and a
 * partner down: none names anyone.
 */
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.stop();
});

interface Person {
  young: DemoYoung;
  ine: string;
  phone: string;
  email: string;
}

const logged = () => hub.logs.map((line) => JSON.parse(line) as Record<string, any>);

describe('logs', () => {
  let people: Person[];
  const tokens: string[] = [];

  beforeAll(async () => {
    const candidates = hub.stack.world!.youngs.filter((young) => young.ine !== null).slice(0, 3);
    people = [];
    for (const young of candidates) {
      const answer = await hub.query(`query ($id: ID!) { young(id: $id) { contact { phone email } } }`, {
        id: young.id,
      });
      const contact = answer.data!.young.contact as { phone: string; email: string };
      people.push({ young, ine: young.ine!, phone: contact.phone, email: contact.email });
    }
    const [first, second, third] = people;
    const token = await hub.tokenFor();
    tokens.push(token);
    const all = `query ($id: ID!) { young(id: $id) { firstName lastName birthDate ine contact { phone email } } }`;

    // A person's data in variables of the wrong type: graphql-js quotes them in its error messages.
    await hub.query(`query ($first: Int!) { youngs(first: $first) { nodes { id } } }`, {
      first: first.young.lastName,
    });
    await hub.query(`query ($filter: YoungFilter) { youngs(filter: $filter) { nodes { id } } }`, {
      filter: { name: first.young.lastName, firstName: first.young.firstName, ine: first.ine },
    });
    await hub.query(`query ($id: ID!) { young(id: $id) { id } }`, {
      id: { birthDate: second.young.birthDate, email: second.email, phone: second.phone },
    });
    // …in literals, as ids, filters and unknown arguments.
    await hub.query(`{ young(id: "${second.young.lastName}") { id } }`);
    await hub.query(`{ young(id: "${second.ine}", birthDate: "${second.young.birthDate}") { id } }`);
    await hub.query(
      `{ youngs(filter: { name: "${third.young.lastName}" }, first: 5) { nodes { firstName } } }`,
    );
    await hub.query(`{ youngs(filter: { name: ${JSON.stringify(third.email)} }) { nodes { id } } }`);
    // Granted reads of everything, by the hub's own coordinator.
    for (const person of people) await hub.query(all, { id: person.young.id }, { token });
    // Refusals: another institution's staff, no token, a broken one, one whose subject is an address.
    const outsider = await hub.tokenFor({ role: 'e2c-staff', org: 'E2C-OTHER' });
    const odd = await hub.tokenFor({ sub: third.email, role: 'nobody' as never });
    tokens.push(outsider, odd);
    await hub.query(all, { id: first.young.id }, { token: outsider });
    await hub.query(all, { id: first.young.id }, { token: null });
    await hub.query(all, { id: first.young.id }, { token: `${token.slice(0, -4)}AAAA` });
    await hub.query(all, { id: first.young.id }, { token: odd });
    // Straight to a subgraph, without the gateway's token.
    await hub.querySubgraph('psad', `{ young(id: "${first.young.id}") { firstName } }`, undefined, {
      internalToken: null,
    });
    // A partner down, while a trajectory is asked.
    await hub.stack.stopSubgraph('cfa');
    for (const person of people)
      await hub.query(`query ($id: ID!) { young(id: $id) { lastName trajectory { partner summary } } }`, {
        id: person.young.id,
      });
  });

  it('are JSON lines, one request line each with its operation and error codes', () => {
    const lines = logged();
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines)
      expect(line).toMatchObject({ level: expect.any(Number), component: expect.any(String) });
    const requests = lines.filter((line) => line.msg === 'graphql request' && line.component === 'gateway');
    expect(requests.length).toBeGreaterThanOrEqual(10);
    const codes = requests.flatMap((line) =>
      (line.errors ?? []).map((error: { code: string }) => error.code),
    );
    expect(codes).toEqual(expect.arrayContaining(['BAD_USER_INPUT', 'PARTNER_UNAVAILABLE']));
    expect(requests.map((line) => line.operation)).toEqual(expect.arrayContaining(['query young']));
  });

  it('say which partner was unreachable, and which request was refused why', () => {
    const lines = logged();
    expect(lines).toEqual(
      expect.arrayContaining([expect.objectContaining({ msg: 'partner unreachable', subgraph: 'cfa' })]),
    );
    const refusals = lines.filter((line) => /request refused/.test(line.msg ?? '')).map((line) => line.msg);
    expect(refusals.join('\n')).toMatch(/MISSING_TOKEN/);
  });

  it('never carry a name, a birth date, an INE, an address, a phone number nor a token', () => {
    const text = hub.logs.join('\n');
    const leaks: string[] = [];
    for (const person of people) {
      for (const value of [
        person.young.lastName,
        person.young.birthDate,
        person.ine,
        person.email,
        person.phone,
      ])
        if (text.includes(value)) leaks.push(value);
      if (new RegExp(`\\b${person.young.firstName}\\b`, 'u').test(text)) leaks.push(person.young.firstName);
      if (text.includes(person.phone.replace(/ /g, ''))) leaks.push(person.phone);
    }
    for (const token of tokens) if (text.includes(token.split('.')[2])) leaks.push('a token');
    for (const young of hub.stack.world!.youngs)
      for (const value of [young.lastName, young.birthDate, young.ine])
        if (value !== null && value.length > 4 && text.includes(value)) leaks.push(value);
    expect(leaks).toEqual([]);
  });
});
