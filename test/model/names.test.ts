import { describe, expect, it } from 'vitest';
import { limitLength, safeAlarmName, safeDashboardName, slug, truncateText } from '../../src/model/names.js';

describe('names', () => {
  it('keeps ordinary alarm names as they are', () => {
    expect(safeAlarmName('obsgen/lambda:function/orders/errors')).toBe('obsgen/lambda:function/orders/errors');
  });

  it('replaces characters that would break composite rules or terminals', () => {
    expect(safeAlarmName('a"b\\c\nd\u0000e\u009bf')).toBe('a_b_c_d_e_f');
  });

  it('cuts long names to 255 characters with a stable hash of the full name', () => {
    const a = safeAlarmName(`obsgen/${'x'.repeat(300)}/errors`);
    const b = safeAlarmName(`obsgen/${'x'.repeat(300)}/throttles`);
    expect(Array.from(a)).toHaveLength(255);
    expect(a).not.toBe(b);
    expect(safeAlarmName(`obsgen/${'x'.repeat(300)}/errors`)).toBe(a);
  });

  it('never splits a surrogate pair when cutting', () => {
    const cut = limitLength('😀'.repeat(300), 255);
    expect(Array.from(cut)).toHaveLength(255);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('makes dashboard names from [A-Za-z0-9_-] only, distinct for distinct inputs', () => {
    expect(safeDashboardName('obsgen-checkout-eu-west-1')).toBe('obsgen-checkout-eu-west-1');
    const a = safeDashboardName('obsgen-Check Out-eu-west-1');
    const b = safeDashboardName('obsgen-Check/Out-eu-west-1');
    expect(a).toMatch(/^[A-Za-z0-9_-]{1,255}$/);
    expect(a).not.toBe(b);
  });

  it('slugs and truncates text', () => {
    expect(slug('checkout')).toBe('checkout');
    expect(slug('Check Out')).toMatch(/^check-out-[0-9a-f]{6}$/);
    expect(truncateText('abcdef', 4)).toBe('abc…');
    expect(truncateText('abc', 4)).toBe('abc');
  });
});
