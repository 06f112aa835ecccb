// Regenerates engine/rules/calendar/holidays-fr.generated.json: metropolitan France's holidays,
// extracted from the maintained `date-holidays` data so that the engine can ship France only.
// Run with `npm run holidays:data` after upgrading date-holidays (a test fails until you do).
import { writeFileSync } from 'node:fs';
import path from 'node:path';

// The extractor is a CommonJS script of date-holidays, outside its exports and without types.
const packageDir = path.join(path.dirname(require.resolve('date-holidays')), '..');
const HolidaysToJson = require(path.join(packageDir, 'scripts', 'holidays2json.cjs')) as new (options: { pick: string[] }) => {
  getList(): { build(): { holidays: Record<string, unknown> } };
};
const { version } = require(path.join(packageDir, 'package.json')) as { version: string };

const data = new HolidaysToJson({ pick: ['FR'] }).getList().build().holidays;
// A fixed version instead of today's date, so that regenerating unchanged data changes nothing.
data.version = `date-holidays ${version}`;
const target = path.join(__dirname, '..', '..', 'engine', 'rules', 'calendar', 'holidays-fr.generated.json');
writeFileSync(target, `${JSON.stringify(data, null, 2)}\n`);
console.log(`Écrit : ${path.relative(process.cwd(), target)}`);
