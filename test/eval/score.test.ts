import { describe, expect, it } from 'vitest';
import type { AlarmState } from '../../scripts/eval/replay.js';
import { alwaysOn, episodes, falsePer30Days, score, unreachable } from '../../scripts/eval/score.js';

// States from a compact string: A = ALARM, o = OK, i = INSUFFICIENT_DATA.
const states = (s: string): AlarmState[] => [...s].map((c) => (c === 'A' ? 'ALARM' : c === 'o' ? 'OK' : 'INSUFFICIENT_DATA'));

describe('scoring definitions', () => {
  it('cuts states into episodes: maximal runs of ALARM', () => {
    expect(episodes(states('ooAAoAio'))).toEqual([{ start: 2, end: 4 }, { start: 5, end: 6 }]);
    expect(episodes(states('AAo'))).toEqual([{ start: 0, end: 2 }]);
  });

  it('catches an incident with an episode that starts inside its window, and times the detection', () => {
    // Replay from slot 10, 60-second periods, N = 3; incident at slots 12–14 (window 12..17).
    const s = score({ states: states('ooooAAAooooo'), from: 10, period: 60, evaluationPeriods: 3, incidents: [{ start: 12, end: 15 }] });
    expect(s.incidents).toBe(1);
    expect(s.caught).toBe(1);
    // Entered ALARM at slot 14, known at the end of that period: 3 minutes after the incident began.
    expect(s.detectMinutes).toEqual([3]);
    expect(s.falseEpisodes).toBe(0);
  });

  it('still catches it up to N periods after the incident ends, but not later', () => {
    const base = { from: 0, period: 60, evaluationPeriods: 3, incidents: [{ start: 2, end: 4 }] };
    // Window 2..7: an episode starting at slot 6 answers it; one starting at 7 does not.
    expect(score({ ...base, states: states('ooooooAAoo') }).caught).toBe(1);
    const late = score({ ...base, states: states('oooooooAAo') });
    expect(late.caught).toBe(0);
    expect(late.falseEpisodes).toBe(1);
  });

  it('does not count an alarm already in ALARM when the incident starts', () => {
    const s = score({ states: states('AAAAAAAAAA'), from: 0, period: 60, evaluationPeriods: 2, incidents: [{ start: 4, end: 6 }] });
    expect(s.caught).toBe(0);
    expect(s.detectMinutes).toEqual([]);
    // The one episode began before the incident: a false one.
    expect(s.falseEpisodes).toBe(1);
  });

  it('counts episodes starting outside every window as false, and only incidents starting in the replay', () => {
    const s = score({
      states: states('oAoooAAoooAo'),
      from: 100,
      period: 300,
      evaluationPeriods: 1,
      // One incident in the history that runs into the replay, one in the replay.
      incidents: [{ start: 90, end: 102 }, { start: 105, end: 107 }],
    });
    expect(s.incidents).toBe(1);
    expect(s.caught).toBe(1);
    // Slot 101 is inside the history incident's window (90..102): not false. Slot 110 is false.
    expect(s.falseEpisodes).toBe(1);
    expect(s.slots).toBe(12);
    expect(s.alarmSlots).toBe(4);
    // Quiet slots: replay 100..111 outside windows 90..102 and 105..107: 103, 104, 108–111, one in ALARM.
    expect(s.quietSlots).toBe(6);
    expect(s.quietAlarmSlots).toBe(1);
    expect(s.days).toBeCloseTo((12 * 300) / 86_400);
  });

  it('normalises false episodes to 30 days of replayed time', () => {
    expect(falsePer30Days(3, 15)).toBe(6);
    expect(falsePer30Days(1, 60)).toBe(0.5);
    expect(falsePer30Days(0, 0)).toBe(0);
  });

  it('calls an alarm always-on when it is in ALARM more than half the time outside incidents', () => {
    expect(alwaysOn({ quietSlots: 10, quietAlarmSlots: 6 })).toBe(true);
    expect(alwaysOn({ quietSlots: 10, quietAlarmSlots: 5 })).toBe(false);
  });

  it('calls a threshold unreachable when no value within the metric’s bounds can breach it', () => {
    const percent = { min: 0, max: 100 };
    expect(unreachable(107, 'GreaterThanThreshold', percent)).toBe(true);
    expect(unreachable(100, 'GreaterThanThreshold', percent)).toBe(true);
    expect(unreachable(100, 'GreaterThanOrEqualToThreshold', percent)).toBe(false);
    expect(unreachable(99.5, 'GreaterThanThreshold', percent)).toBe(false);
    const count = { min: 0, max: Number.POSITIVE_INFINITY };
    expect(unreachable(0, 'LessThanThreshold', count)).toBe(true);
    expect(unreachable(0, 'LessThanOrEqualToThreshold', count)).toBe(false);
    expect(unreachable(-5, 'LessThanOrEqualToThreshold', count)).toBe(true);
    expect(unreachable(1, 'LessThanThreshold', count)).toBe(false);
  });
});
