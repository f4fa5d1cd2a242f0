import { callerFromClaims, InvalidClaimsError } from '../../platform/auth/claims';

const VALID = {
  sub: 'agent-1',
  role: 'ml-advisor',
  org: 'ML-38-GRE',
  territories: ['38-GRE', '38-CEN'],
  purpose: 'SUIVI_OF',
};

describe('the claims of a verified token', () => {
  it('make a caller when every claim of DESIGN.md §4 is right', () => {
    expect(callerFromClaims({ ...VALID, iss: 'issuer', exp: 1 })).toEqual(VALID);
  });

  it.each([
    ['sub', { sub: '' }],
    ['sub', { sub: 42 }],
    ['role', { role: 'superuser' }],
    ['role', { role: undefined }],
    ['org', { org: '' }],
    ['territories', { territories: '38-GRE' }],
    ['territories', { territories: [''] }],
    ['territories', { territories: [38] }],
    ['purpose', { purpose: 'CURIOSITY' }],
    ['purpose', { purpose: undefined }],
  ])('are refused when "%s" is wrong (%j), naming the claim', (claim, change) => {
    const call = () => callerFromClaims({ ...VALID, ...change });
    expect(call).toThrow(InvalidClaimsError);
    expect(call).toThrow(`"${claim}"`);
  });

  it('never quote the refused value back', () => {
    expect(() => callerFromClaims({ ...VALID, role: 'Jean Dupont' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('Jean Dupont') }),
    );
  });
});
