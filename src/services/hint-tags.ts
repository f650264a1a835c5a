import type { TagMapping } from './service.js';

/** Sets a hint tag on a listing entry, replacing one set by hand: what AWS says wins. */
export function setHintTag(m: TagMapping, key: string, value: string): void {
  m.Tags = [...m.Tags.filter((t) => t.Key !== key), { Key: key, Value: value }];
}
