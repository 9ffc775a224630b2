import { text } from 'node:stream/consumers';
import { csvStream, guardCell, wantsCsv, type CsvColumn } from './csv-export';

type Row = { name: string; amount: number | null; flag: boolean };
const COLUMNS: CsvColumn<Row>[] = [
  { name: 'name', kind: 'text', of: (r) => r.name },
  { name: 'amount', kind: 'number', of: (r) => r.amount },
  { name: 'flag', kind: 'boolean', of: (r) => r.flag },
];

describe('CSV export', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+31 20 555', "'+31 20 555"],
    ['-minus', "'-minus"],
    ['@cmd', "'@cmd"],
    ['\tTab', "'\tTab"],
    ['\rCR', "'\rCR"],
    ['plain', 'plain'],
    [' =not first', ' =not first'],
    ['', ''],
  ])('guards a text cell %j as %j', (cell, guarded) => {
    expect(guardCell(cell)).toBe(guarded);
  });

  it('writes RFC 4180: header row, CRLF, quotes doubled inside quoted cells; numbers and flags as they are, null empty', async () => {
    const csv = await text(
      csvStream(COLUMNS, [
        { name: 'a, "b"', amount: -1.5, flag: true },
        { name: 'line\nbreak', amount: null, flag: false },
        { name: '-2', amount: -2, flag: false },
      ]),
    );
    expect(csv).toBe('name,amount,flag\r\n"a, ""b""",-1.5,true\r\n"line\nbreak",,false\r\n\'-2,-2,false\r\n');
  });

  it('writes the header alone for no rows', async () => {
    expect(await text(csvStream(COLUMNS, []))).toBe('name,amount,flag\r\n');
  });

  it.each([
    [undefined, 'text/csv', true],
    [undefined, 'text/csv;q=0.9, */*', true],
    [undefined, 'application/json, text/csv', false],
    [undefined, '*/*', false],
    [undefined, undefined, false],
    ['csv', 'application/json', true],
    ['json', 'text/csv', false],
  ])('format %j with Accept %j asks for CSV: %j', (format, accept, csv) => {
    expect(wantsCsv(format, accept)).toBe(csv);
  });
});
