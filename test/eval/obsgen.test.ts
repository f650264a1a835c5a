import { describe, expect, it } from 'vitest';
import { emitAlarm } from '../../scripts/eval/obsgen.js';

// The adapter is the evaluation's only door into src/: these pin what the harness relies on.
const cpu = { resourceType: 'ec2:instance', alarm: 'ec2-instance/cpu', name: 'eval-probe' };
const history = (value: number, n = 2000) => ({ start: Date.UTC(2026, 0, 5) / 1000, period: 300, values: new Float64Array(n).fill(value) });

describe('obsgen adapter', () => {
  it('emits the blueprint default with tuning disabled', () => {
    const e = emitAlarm(cpu, { kind: 'off' }, history(50));
    expect(e.alarm).toEqual({ threshold: 80, comparison: 'GreaterThanThreshold', evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'notBreaching', period: 300 });
  });

  it('tunes from the history it is given when a policy is forced, and keeps the previous decision within the hysteresis band', () => {
    const first = emitAlarm(cpu, { kind: 'policy', spec: { policy: 'percentile', percentile: 99.9, headroom: 1.5 } }, history(50));
    expect(first.alarm.threshold).toBe(75);
    expect(first.provenance).toMatch(/^tuned: p99.9/);
    const next = emitAlarm(cpu, { kind: 'policy', spec: { policy: 'percentile', percentile: 99.9, headroom: 1.5 } }, history(52), first.run);
    expect(next.alarm.threshold).toBe(75);
    expect(next.provenance).toMatch(/^kept by hysteresis/);
  });

  it('falls back to the default with too little history, and reaches alarms of resources whose ARN has no account', () => {
    expect(emitAlarm(cpu, { kind: 'policy', spec: { policy: 'robust', k: 6 } }, history(50, 500)).provenance).toMatch(/^fallback: only 1\.73 days of history \(needs 2\)/);
    const api = emitAlarm({ resourceType: 'apigateway:rest-stage', alarm: 'apigateway-rest-stage/no-traffic', name: 'probe-api' }, { kind: 'off' }, { ...history(100), period: 60 });
    expect(api.alarm.comparison).toBe('LessThanThreshold');
  });
});
