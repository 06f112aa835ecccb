// date-holidays-parser ships types (types/index.d.ts) but its package.json "exports" map has no
// "types" condition, so `moduleResolution: nodenext` cannot find them (TS7016). This ambient
// declaration covers only what holidays.ts uses; it is a global .d.ts (not a module) because an
// untyped package cannot be augmented from a module file.
declare module 'date-holidays-parser' {
  /** One holiday as computed by the parser, in the country's time zone. */
  interface ParsedHoliday {
    /** Local date and time "YYYY-MM-DD hh:mm:ss" in the country's zone. */
    date: string;
    start: Date;
    end: Date;
    name: string;
    /** 'public' | 'bank' | 'optional' | 'school' | 'observance' */
    type: string;
    rule: string;
    substitute?: boolean;
  }

  /** Parser options (subset). */
  interface ParserOptions {
    languages?: string | string[];
    timezone?: string;
    types?: string[];
  }

  /** The holiday calculator, fed with holidays2json data. */
  export default class Holidays {
    constructor(data: object, country: string, opts?: ParserOptions);
    getHolidays(year: number, lang?: string): ParsedHoliday[];
  }
}
