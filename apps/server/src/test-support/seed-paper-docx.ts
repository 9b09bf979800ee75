import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';

const NUMBERED = 'seed-numbered';

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading: level, children: [new TextRun(text)] });
const paragraph = (...runs: Array<string | TextRun>) =>
  new Paragraph({ children: runs.map((run) => (typeof run === 'string' ? new TextRun(run) : run)) });
const field = (label: string, value: string) => paragraph(new TextRun({ text: `${label}: `, bold: true }), value);
const cell = (text: string) => new TableCell({ children: [paragraph(text)] });

/**
 * Sak 04-2022 from the seeds (seeds/002) written as a secretariat writes it in Word, not as
 * Samråd exports it: the case line and title as Heading 2 and 3, the header fields as plain
 * lines with bold labels, each section under a Heading 4 ending in a colon, one numbered list
 * (Word numbering, not typed numbers), one table, and a heading the papers do not usually
 * have ("Økonomi:"), which becomes a free section.
 */
export function seedPaperDocx(): Promise<Buffer> {
  const document = new Document({
    creator: 'Samhandlingssekretariatet',
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    sections: [
      {
        children: [
          heading('Partnerskapsmøte sak 04-2022', HeadingLevel.HEADING_2),
          heading('Samhandlingsarenaer i Helsefelleskapet Lofoten, Vesterålen, Salten', HeadingLevel.HEADING_3),
          field('Saksbehandler', 'Trude Kristin Kristensen, Knut Erik Dahlmo og Stian Molvik'),
          field('Dato dok', '04.10.2022'),
          field('Møtedato', '25.10.2022'),
          field('Vår ref', '2022/2936'),
          heading('Innstilling til konsensus:', HeadingLevel.HEADING_4),
          paragraph(
            'Partnerskapsmøtet ber strategisk samarbeidsutvalg (SSU) legge til rette for hensiktsmessige ',
            new TextRun({ text: 'samhandlingsarenaer', bold: true }),
            ' hvor partnerne har likeverdig eierskap til innhold og organisering',
          ),
          heading('Bakgrunn:', HeadingLevel.HEADING_4),
          paragraph(
            'Før etablering av helsefelleskapet hadde Nordlandssykehuset HF et antall arenaer der kommunene ble invitert inn.',
          ),
          ...['Barn og unge', 'Personer med alvorlige psykiske lidelser og rusproblemer', 'Skrøpelige eldre'].map(
            (text) => new Paragraph({ children: [new TextRun(text)], numbering: { reference: NUMBERED, level: 0 } }),
          ),
          heading('Kommunenes vurdering:', HeadingLevel.HEADING_4),
          paragraph(
            'Kommunene vurderer at RKK (Regionalt kontor for kompetanseutvikling) er en aktuell aktør som kan bistå.',
          ),
          heading('Nordlandssykehuset HFs vurdering:', HeadingLevel.HEADING_4),
          paragraph('Nordlandssykehuset er opptatt av å utvikle tiltak som virker.'),
          new Table({
            rows: [
              new TableRow({ children: [cell('Region'), cell('Plasser i SSU')] }),
              new TableRow({ children: [cell('Salten'), cell('3')] }),
              new TableRow({ children: [cell('Lofoten'), cell('2')] }),
            ],
          }),
          heading('Økonomi:', HeadingLevel.HEADING_4),
          paragraph('Saken har ingen økonomiske konsekvenser.'),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
