import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
const db = loadAwsServiceSpecSync();
const ns = process.argv[2];
const all = db.all('metric').filter(m => m.namespace === ns);
const seen = new Map();
for (const m of all) { const dims = db.follow('usesDimensionSet', m).map(r => r.entity.dimensions.map(d=>d.name + (d.value? '='+d.value:'')).join('+')); const k = m.name; seen.set(k, [...new Set([...(seen.get(k)||[]), ...dims])]); }
for (const [k, v] of [...seen].sort()) console.log(k, JSON.stringify(v.slice(0,6)));
