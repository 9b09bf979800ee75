/**
 * The Norwegian words of a section's version history. Kept beside the feature (the main
 * catalogue is `i18n/messages.ts`); placeholders are filled with its `format`.
 */
export const versionMessages = {
  toggle: 'Historikk',
  panelTitle: 'Historikk for {section}',
  loading: 'Henter versjoner …',
  empty: 'Delen har ingen lagrede versjoner ennå.',
  listLabel: 'Versjoner, nyeste først',
  kind: {
    auto: 'Automatisk',
    named: 'Navngitt',
  },
  byWhom: '{when}, av {name}',
  byAuthors: '{when}, skrevet av {names}',
  bySystem: '{when}, lagret av Samråd',
  current: 'Valgt',
  view: 'Vis',
  viewLabel: 'Vis versjonen «{label}»',
  compareWithPrevious: 'Sammenlign med forrige',
  compareLabel: 'Sammenlign med forrige: «{label}»',
  save: {
    legend: 'Lagre versjon',
    name: 'Navn på versjonen',
    hint: 'Lagrer teksten slik den er nå, så dere kan finne tilbake til den.',
    submit: 'Lagre versjon',
    saving: 'Lagrer …',
    saved: 'Versjonen «{label}» er lagret.',
    empty: 'Gi versjonen et navn.',
  },
  detail: {
    title: 'Versjon «{label}»',
    empty: 'Versjonen er tom.',
    close: 'Lukk visningen',
  },
  restore: {
    button: 'Gjenopprett denne versjonen',
    confirm:
      'Teksten i delen erstattes med versjonen «{label}». Det lagres som en ny endring som alle ser straks; ingen versjoner slettes.',
    yes: 'Ja, gjenopprett',
    cancel: 'Avbryt',
    working: 'Gjenoppretter …',
    done: 'Versjonen «{label}» er gjenopprettet som en ny endring.',
  },
  compare: {
    legend: 'Sammenlign to versjoner',
    from: 'Fra',
    to: 'Til',
    submit: 'Sammenlign',
    title: 'Endringer fra «{from}» til «{to}»',
    addedHint: 'lagt til: ',
    removedHint: 'fjernet: ',
    legendAdded: 'Lagt til',
    legendRemoved: 'Fjernet',
    noChanges: 'Ingen endringer i teksten mellom disse versjonene.',
    authors: 'Endret av {names}',
    noAuthors: 'Ingen kjente skribenter mellom disse versjonene.',
    sameVersion: 'Velg to forskjellige versjoner.',
    option: '{label} ({when})',
  },
} as const;
