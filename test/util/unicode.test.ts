import { describe, expect, it } from 'vitest';
import { encodeUriComponentSafe, encodeUriSafe, unencodableProblem, wellFormed } from '../../src/util/unicode.js';
import { generateFor, lambdas } from '../helpers/pipeline.js';

describe('unencodableProblem', () => {
  it('finds a lone surrogate, high or low, and says where', () => {
    expect(unencodableProblem('ab\ud800')).toBe('not valid Unicode text (a lone surrogate, U+D800, at character 3), which no output can hold');
    expect(unencodableProblem('\udc00x')).toBe('not valid Unicode text (a lone surrogate, U+DC00, at character 1), which no output can hold');
    // A low half before its high half is two lone halves.
    expect(unencodableProblem('\ude00\ud83d')).toMatch(/U\+DE00, at character 1/);
  });

  it('accepts any well-formed text: pairs, U+FFFD, control characters (other checks handle those)', () => {
    for (const ok of ['', 'plain', 'é€', '😀', '\ud83d\ude00', '\uFFFD', '\u0000\u001b']) expect(unencodableProblem(ok)).toBeUndefined();
  });
});

describe('URL encoding that cannot throw', () => {
  it('encodes well-formed text as encodeURIComponent and encodeURI do', () => {
    expect(encodeUriComponentSafe('a/b c😀')).toBe(encodeURIComponent('a/b c😀'));
    expect(encodeUriSafe('https://x/a b?q=😀')).toBe(encodeURI('https://x/a b?q=😀'));
  });

  it('encodes a lone surrogate as U+FFFD instead of throwing a URIError', () => {
    expect(() => encodeURIComponent('a\ud800')).toThrow(URIError);
    expect(encodeUriComponentSafe('a\ud800')).toBe('a%EF%BF%BD');
    expect(encodeUriSafe('https://x/\udfff')).toBe('https://x/%EF%BF%BD');
    expect(wellFormed('\ud83d\ude00\ud800')).toBe('😀\uFFFD');
  });

  it('the docs never throw on an alarm name that slipped past the checks', () => {
    // The config checks refuse such a template; the pipeline called directly does not check.
    const { result, diags } = generateFor(lambdas(1), { config: (c) => (c.naming.alarmName = '{{prefix}}x\ud800/{{resource.name}}/{{alarm.id}}') });
    expect(diags.items.filter((d) => d.severity === 'error')).toEqual([]);
    const page = result!.files.find((f) => f.path.startsWith('monitoring/'))!;
    // U+FFFD in the console link (encoded once more by the Markdown link, today).
    expect(page.content).toMatch(/alarmsV2:alarm\/obsgen%(25)?2Fx%(25)?EF%(25)?BF%(25)?BD/);
  });
});
