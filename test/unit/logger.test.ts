import { GraphQLError } from 'graphql';
import { createLogger, messageLogger, REDACTED, scrubText } from '../../platform/observability/logger';

function collect(): { lines: string[]; parsed: () => Record<string, any>[] } {
  const lines: string[] = [];
  return { lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, any>) };
}

describe('the logger', () => {
  it('writes one JSON object per line, with its level, time, component and message', () => {
    const out = collect();
    createLogger('gateway', { write: (line) => out.lines.push(line) }).info({ requestId: 'r1' }, 'served');
    expect(out.lines).toHaveLength(1);
    expect(out.parsed()[0]).toMatchObject({
      level: 30,
      component: 'gateway',
      requestId: 'r1',
      msg: 'served',
    });
    expect(typeof out.parsed()[0].time).toBe('string');
  });

  it('redacts credentials, variables and personal fields wherever they are in a log object', () => {
    const out = collect();
    createLogger('psad', { write: (line) => out.lines.push(line) }).warn(
      {
        variables: { id: 'Dupont' },
        headers: { authorization: 'Bearer abc', 'x-hub-caller': 'xyz' },
        young: { firstName: 'Jeanne', lastName: 'Dupont', birthDate: '2009-03-12', ine: '123456789AB' },
        request: { body: { email: 'jeanne@example.fr', phone: '0601020304' } },
        token: 'secret',
      },
      'refused',
    );
    const line = out.lines[0];
    for (const value of ['Dupont', 'Bearer abc', 'xyz', 'Jeanne', '2009-03-12', '123456789AB', 'secret'])
      expect(line).not.toContain(value);
    expect(line).not.toContain('jeanne@example.fr');
    expect(line).not.toContain('0601020304');
    expect(out.parsed()[0].young.firstName).toBe(REDACTED);
  });

  it('cuts quoted values, addresses and tokens out of free text', () => {
    expect(scrubText('Variable "$id" got invalid value "Dupont"; Expected type "ID".')).toBe(
      `Variable "$id" got invalid value "${REDACTED}"; Expected type "${REDACTED}".`,
    );
    expect(scrubText("invalid input syntax for type uuid: 'Jeanne'")).toBe(
      `invalid input syntax for type uuid: '${REDACTED}'`,
    );
    expect(scrubText('write to jeanne.dupont@example.fr')).toBe(`write to ${REDACTED}`);
    expect(scrubText('token eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln refused')).toBe(
      `token ${REDACTED} refused`,
    );
    expect(scrubText("l'élève n'est pas suivi")).toBe("l'élève n'est pas suivi");
  });

  it('scrubs messages and errors passed to it, and keeps errors to their name, code and frames', () => {
    const out = collect();
    const logger = createLogger('cfa', { write: (line) => out.lines.push(line) });
    messageLogger(logger)('[cfa] request refused: "Dupont"');
    logger.error(new GraphQLError('Variable "$x" got invalid value "Dupont"', { extensions: { code: 'X' } }));
    const [message, error] = out.parsed();
    expect(message).toMatchObject({ level: 40, msg: `[cfa] request refused: "${REDACTED}"` });
    expect(error.error).toMatchObject({ name: 'GraphQLError', code: 'X' });
    expect(out.lines.join('\n')).not.toContain('Dupont');
  });
});
