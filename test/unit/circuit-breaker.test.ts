import { CircuitBreaker } from '../../gateway/circuit-breaker';
import { refusedField } from '../../gateway/partner-data-source';

describe('the circuit of a subgraph', () => {
  let now = 0;
  const breaker = () => new CircuitBreaker({ failureThreshold: 3, coolDownMs: 1000, now: () => now });

  beforeEach(() => {
    now = 0;
  });

  it('opens after consecutive failures only', () => {
    const circuit = breaker();
    circuit.failed();
    circuit.failed();
    circuit.succeeded();
    circuit.failed();
    circuit.failed();
    expect(circuit.state).toBe('closed');
    expect(circuit.admit()).toBe(true);
    circuit.failed();
    expect(circuit.state).toBe('open');
    expect(circuit.admit()).toBe(false);
  });

  it('lets one probe through after the cool-down; its success closes the circuit', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i += 1) circuit.failed();
    now = 999;
    expect(circuit.admit()).toBe(false);
    now = 1000;
    expect(circuit.state).toBe('half-open');
    expect(circuit.admit()).toBe(true);
    expect(circuit.admit()).toBe(false);
    circuit.succeeded();
    expect(circuit.state).toBe('closed');
    expect(circuit.failures).toBe(0);
    expect(circuit.admit()).toBe(true);
  });

  it('opens again for a whole cool-down when the probe fails', () => {
    const circuit = breaker();
    for (let i = 0; i < 3; i += 1) circuit.failed();
    now = 1500;
    expect(circuit.admit()).toBe(true);
    circuit.failed();
    expect(circuit.state).toBe('open');
    now = 2499;
    expect(circuit.admit()).toBe(false);
    now = 2500;
    expect(circuit.admit()).toBe(true);
  });
});

describe('a subgraph’s refusal of a variable', () => {
  const argumentOf = new Map([
    ['input', 'input'],
    ['when', 'from'],
  ]);

  it('names the argument and the path inside it', () => {
    expect(
      refusedField(
        'Variable "$input" got invalid value "2026-02-30T10:00:00Z" at "input.at"; Expected type "DateTimeISO".',
        argumentOf,
      ),
    ).toBe('input.at');
  });

  it('names the argument a variable is passed as', () => {
    expect(
      refusedField('Variable "$when" got invalid value "x"; Expected type "DateTimeISO".', argumentOf),
    ).toBe('from');
  });

  it('names nothing when the message is about something else', () => {
    expect(refusedField('Expected value of type "DateTimeISO", found "x".', argumentOf)).toBeNull();
  });
});
