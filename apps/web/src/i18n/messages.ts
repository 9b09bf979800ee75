import type { CaseKind, CaseStatus, SectionOwner } from '@samraad/schema';

/**
 * Every string a user can see or hear, in Norwegian bokmål. Components never hold literal
 * text, so wording can be reviewed (and one day translated to nynorsk or sámi) in one place.
 * Placeholders are written `{name}` and filled with `format`, which checks the names at
 * compile time.
 */
export const messages = {
  app: {
    name: 'Samråd',
    tagline: 'Samskriving for helsefellesskap',
    skipToContent: 'Hopp til hovedinnholdet',
    breadcrumbs: 'Du er her',
    documentTitle: '{page} – Samråd',
  },
  common: {
    loading: 'Laster …',
    retry: 'Prøv igjen',
    notSet: 'Ikke satt',
  },
  errors: {
    loadFailed: 'Kunne ikke hente innholdet.',
    network: 'Fikk ikke kontakt med Samråd. Sjekk nettforbindelsen og prøv igjen.',
    unexpectedResponse: 'Uventet svar fra Samråd (status {status}).',
    notFoundTitle: 'Fant ikke siden',
    notFoundBody: 'Adressen finnes ikke i Samråd.',
    backToStart: 'Gå til oversikten over helsefellesskap',
  },
  start: {
    title: 'Helsefellesskap',
    intro: 'Velg helsefellesskapet du arbeider i for å se sakene som forberedes der.',
    empty: 'Ingen helsefellesskap er registrert ennå.',
    hospital: 'Helseforetak: {hospital}',
  },
  caseList: {
    title: 'Saker',
    caption: 'Saker i {community}',
    empty: 'Det er ingen saker i dette helsefellesskapet ennå.',
    columns: {
      number: 'Sak',
      title: 'Tittel',
      kind: 'Type',
      status: 'Status',
      meetingDate: 'Møtedato',
    },
  },
  case: {
    heading: '{body} sak {number}',
    documentTitle: 'Sak {number}',
    notFound: 'Fant ikke saken.',
    fields: {
      caseOfficers: 'Saksbehandler',
      documentDate: 'Dato dok',
      meetingDate: 'Møtedato',
      reference: 'Vår ref',
      attachments: 'Vedlegg',
      kindAndStatus: 'Sakstype og status',
    },
    noAttachments: 'Ingen vedlegg',
    noSections: 'Saken har ingen avsnitt ennå.',
    sectionsHeading: 'Saksfremstilling',
    sidebar: 'Samarbeid i saken',
  },
  owner: {
    kommune: 'Skrives av kommunene',
    helseforetak: 'Skrives av {hospital}',
    shared: 'Felles tekst',
  },
  kind: {
    beslutningssak: 'Beslutningssak',
    drøftingssak: 'Drøftingssak',
    orienteringssak: 'Orienteringssak',
  } satisfies Record<CaseKind, string>,
  status: {
    utkast: 'Utkast',
    til_drofting: 'Til drøfting',
    til_beslutning: 'Til beslutning',
    konsensus: 'Konsensus',
    publisert: 'Publisert',
    trukket: 'Trukket',
  } satisfies Record<CaseStatus, string>,
  editor: {
    syncing: 'Henter teksten …',
  },
  presence: {
    title: 'Til stede',
    you: 'deg',
    nobody: 'Ingen er koblet til ennå.',
    editing: 'skriver i {section}',
  },
  connection: {
    label: 'Tilkobling',
    connecting: 'Kobler til …',
    connected: 'Tilkoblet',
    reconnecting: 'Kobler til på nytt …',
    offline: 'Frakoblet',
    offlineHint: 'Du kan skrive videre. Endringene sendes når forbindelsen er tilbake.',
  },
  identity: {
    prompt: 'Hva heter du?',
    explanation:
      'Navnet vises for de andre som skriver i samme sak: ved skrivemerket ditt og i listen over hvem som er til stede.',
    nameLabel: 'Navn',
    nameHint: 'For eksempel fornavn og etternavn.',
    start: 'Fortsett',
    save: 'Lagre',
    cancel: 'Avbryt',
    change: 'Bytt navn',
    changeTitle: 'Bytt navn',
    current: 'Du skriver som',
    required: 'Skriv inn navnet ditt.',
    tooLong: 'Navnet kan være høyst {max} tegn.',
  },
} as const;

/** The `{name}` placeholders of a message, as a union of their names. */
type Placeholders<Template extends string> = Template extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

export function format<Template extends string>(
  template: Template,
  values: Record<Placeholders<Template>, string | number>,
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = (values as Record<string, string | number | undefined>)[name];
    return value === undefined ? whole : String(value);
  });
}

export function kindLabel(kind: CaseKind): string {
  return messages.kind[kind];
}

export function statusLabel(status: CaseStatus): string {
  return messages.status[status];
}

/** Who writes a section, named the way the papers do: the side, or the hospital by name. */
export function ownerLabel(owner: SectionOwner, hospitalName: string): string {
  if (owner === 'helseforetak') return format(messages.owner.helseforetak, { hospital: hospitalName });
  return messages.owner[owner];
}

export function caseHeading(body: string, number: string): string {
  return format(messages.case.heading, { body, number });
}

export function documentTitle(page: string): string {
  return format(messages.app.documentTitle, { page });
}
