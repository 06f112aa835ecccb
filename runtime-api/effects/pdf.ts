/**
 * Plain text to an A4 PDF, with pdf-lib's standard Helvetica: no font file to ship. Standard fonts
 * encode text in WinAnsi (Windows-1252), which has every French letter and « », ’, –, —, €, œ, …;
 * the few characters it lacks (the narrow no-break space of French number formatting, arrows…) are
 * replaced by the closest ones it has, so that generating a document never fails on a character.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56.7; // 2 cm
const SIZE = 11;
const LEADING = 15;
const FOOTER_SIZE = 8;

/** Characters WinAnsi lacks, and what prints instead. */
const REPLACEMENTS: Record<string, string> = {
  '\u202f': '\u00a0', // narrow no-break space (Intl's French thousands separator, « : » spacing)
  '\u2009': ' ', '\u2007': ' ', '\u200b': '', '\u2060': '', '\ufeff': '',
  '\u2010': '-', '\u2011': '-', '\u2212': '-',
  '\u2264': '<=', '\u2265': '>=', '\u2192': '->', '\u2190': '<-', '\u2260': '!=',
  '\u2032': '\u2019', '\u2033': '"', '\u02bc': '\u2019',
  '\t': '    ',
};

/** The text with every character the font cannot encode replaced (accents dropped as a last resort). */
export function encodable(text: string, font: PDFFont): string {
  const supported = new Set(font.getCharacterSet());
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (supported.has(code)) out += char;
    else if (char in REPLACEMENTS) out += REPLACEMENTS[char];
    else {
      const bare = char.normalize('NFKD').replace(/\p{M}/gu, '');
      out += [...bare].every((c) => supported.has(c.codePointAt(0)!)) && bare ? bare : '?';
    }
  }
  return out;
}

/** Splits one line of text into lines that fit the width, breaking between words (inside a word too long). */
function wrap(line: string, font: PDFFont, size: number, width: number): string[] {
  if (font.widthOfTextAtSize(line, size) <= width) return [line];
  const lines: string[] = [];
  let current = '';
  for (const word of line.match(/\S+\s*|\s+/g) ?? []) {
    const candidate = current + word;
    if (font.widthOfTextAtSize(candidate.trimEnd(), size) <= width) {
      current = candidate;
      continue;
    }
    if (current.trim()) lines.push(current.trimEnd());
    current = '';
    let rest = word;
    while (font.widthOfTextAtSize(rest.trimEnd(), size) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current.trim() || lines.length === 0) lines.push(current.trimEnd());
  return lines;
}

/** A heading is a line in capitals (« ATTESTATION DE RECENSEMENT »): bold and centred. */
function isHeading(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters === letters.toLocaleUpperCase('fr-FR');
}

export interface PdfText {
  title: string;
  author: string;
  body: string;
  /** Printed at the foot of every page with its number. */
  footer: string;
  /** The document's date (creation and modification dates of the file). */
  at: Date;
}

/** Lays the text out on A4 pages and returns the PDF's bytes. */
export async function textToPdf(text: PdfText): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  pdf.setTitle(encodable(text.title, regular));
  pdf.setAuthor(encodable(text.author, regular));
  pdf.setCreator('Guichet');
  pdf.setProducer('Guichet (pdf-lib)');
  pdf.setLanguage('fr-FR');
  pdf.setCreationDate(text.at);
  pdf.setModificationDate(text.at);

  const width = A4.width - 2 * MARGIN;
  const perPage = Math.floor((A4.height - 2 * MARGIN - 2 * LEADING) / LEADING);
  const laid: { text: string; heading: boolean }[] = [];
  for (const raw of text.body.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = isHeading(raw);
    const font = heading ? bold : regular;
    for (const line of wrap(encodable(raw, font), font, SIZE, width)) laid.push({ text: line, heading });
  }
  const pages = Math.max(1, Math.ceil(laid.length / perPage));
  const footer = encodable(text.footer, regular);
  for (let p = 0; p < pages; p++) {
    const page = pdf.addPage([A4.width, A4.height]);
    let y = A4.height - MARGIN - SIZE;
    for (const line of laid.slice(p * perPage, (p + 1) * perPage)) {
      const font = line.heading ? bold : regular;
      const x = line.heading ? MARGIN + Math.max(0, (width - font.widthOfTextAtSize(line.text, SIZE)) / 2) : MARGIN;
      if (line.text) page.drawText(line.text, { x, y, size: SIZE, font });
      y -= LEADING;
    }
    const foot = `${footer} — page ${p + 1}/${pages}`;
    const footWidth = regular.widthOfTextAtSize(foot, FOOTER_SIZE);
    page.drawText(foot, { x: A4.width - MARGIN - footWidth, y: MARGIN / 2, size: FOOTER_SIZE, font: regular, color: rgb(0.35, 0.35, 0.35) });
  }
  return pdf.save();
}
