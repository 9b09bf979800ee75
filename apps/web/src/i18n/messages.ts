import {
  REFUSAL_TEXT,
  type CaseKind,
  type CaseStatus,
  type MembershipView,
  type RefusalCode,
  type RefusalReason,
  type Role,
  type SectionChangeRefusal,
  type SectionKind,
  type SectionOwner,
  type Side,
} from '@samraad/schema';

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
    dismiss: 'Lukk',
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
    publicPage: 'Offentlig side',
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
  caseImport: {
    start: 'Importer fra Word',
    title: 'Importer en sak fra Word',
    intro:
      'Velg sakspapiret som Word-dokument (.docx). Samråd leser saksopplysningene og delene, og du ser over resultatet før saken opprettes.',
    file: 'Word-dokument (.docx)',
    read: 'Les inn dokumentet',
    reading: 'Leser dokumentet …',
    noFile: 'Velg et Word-dokument først.',
    tooLarge: 'Filen er for stor; et Word-dokument kan være på høyst {megabytes} MB.',
    reviewTitle: 'Se over saken før den opprettes',
    reviewIntro: 'Rett saksopplysningene om nødvendig. Delene under blir sakens deler, med teksten fra dokumentet.',
    sectionsTitle: 'Deler fra dokumentet',
    noSections: 'Samråd fant ingen deloverskrifter i dokumentet; saken opprettes uten deler.',
    sectionMeta: '{kind} · {owner}',
    emptySection: 'Ingen tekst under denne overskriften.',
    include: 'Ta med delen «{title}»',
    create: 'Opprett sak',
    another: 'Velg et annet dokument',
  },
  caseForm: {
    newCase: 'Ny sak',
    createTitle: 'Opprett en ny sak',
    editHeader: 'Rediger saksopplysninger',
    editTitle: 'Rediger saksopplysninger',
    fields: {
      title: 'Tittel',
      kind: 'Sakstype',
      body: 'Organ',
      caseOfficers: 'Saksbehandlere',
      documentDate: 'Dato dok',
      meetingDate: 'Møtedato',
      number: 'Saksnummer',
      reference: 'Vår ref',
      attachments: 'Vedlegg',
    },
    hints: {
      caseOfficers: 'Ett navn per linje.',
      attachments: 'Ett vedlegg per linje.',
      meetingDate: 'Kan stå tom til saken er satt opp på et møte.',
      newNumber: 'Står feltet tomt, gir Samråd saken neste ledige nummer for organet og året.',
      newReference: 'Står feltet tomt, gir Samråd saken neste referanse for året.',
      editReference: 'Tomt felt betyr at saken ikke har noen referanse.',
    },
    standardSections: 'Saken får standarddelene for sakstypen: {sections}.',
    create: 'Opprett saken',
    save: 'Lagre saksopplysningene',
    saved: 'Saksopplysningene er lagret.',
    cancel: 'Avbryt',
    invalid: 'Rett opp feltene som er markert, og prøv igjen.',
    problems: {
      title: 'Skriv en tittel på høyst 300 tegn.',
      body: 'Velg organet som behandler saken.',
      kind: 'Velg en sakstype.',
      caseOfficers: 'Skriv høyst 20 saksbehandlere, hvert navn på høyst 200 tegn.',
      documentDate: 'Skriv en gyldig dato.',
      meetingDate: 'Skriv en gyldig dato.',
      number: 'Saksnummer skrives som NN-ÅÅÅÅ, for eksempel 05-2026.',
      reference: 'Vår ref skrives som ÅÅÅÅ/NNNN, for eksempel 2026/0007.',
      attachments: 'Skriv høyst 50 vedlegg, hver tittel på høyst 300 tegn.',
    },
  },
  sectionTools: {
    label: 'Endre delen «{title}»',
    rename: 'Gi nytt navn',
    renameLabel: 'Gi nytt navn til delen «{title}»',
    newTitle: 'Ny tittel',
    saveTitle: 'Lagre tittelen',
    moveUp: 'Flytt opp',
    moveUpLabel: 'Flytt opp delen «{title}»',
    moveDown: 'Flytt ned',
    moveDownLabel: 'Flytt ned delen «{title}»',
    delete: 'Slett',
    deleteLabel: 'Slett delen «{title}»',
    confirmDelete: 'Vil du slette delen «{title}»? Delen og teksten i den forsvinner fra saken for alle.',
    confirmDeleteButton: 'Ja, slett delen',
    cancel: 'Avbryt',
    moved: '«{title}» er nå del {position} av {count}.',
    renamed: 'Delen heter nå «{title}».',
    added: 'Delen «{title}» er lagt til.',
    deleted: 'Delen «{title}» er slettet.',
    addTitle: 'Legg til en del',
    kind: 'Type del',
    title: 'Tittel på delen',
    owner: 'Skrives av',
    add: 'Legg til delen',
    titleProblem: 'Skriv en tittel på høyst 200 tegn.',
    kinds: {
      innstilling: 'Innstilling til konsensus',
      bakgrunn: 'Bakgrunn',
      saksfremstilling: 'Saksfremstilling',
      innledning: 'Innledning',
      vurdering: 'Vurdering',
      erklaering: 'Erklæring',
      annet: 'Annet',
    } satisfies Record<SectionKind, string>,
    owners: {
      kommune: 'Kommunene',
      helseforetak: '{hospital}',
      shared: 'Felles (begge parter)',
    },
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
  toolbar: {
    label: 'Formatering: {section}',
    paragraph: 'Brødtekst',
    heading: 'Overskrift {level}',
    bold: 'Fet',
    italic: 'Kursiv',
    underline: 'Understreket',
    bulletList: 'Punktliste',
    orderedList: 'Nummerert liste',
    indent: 'Rykk inn',
    outdent: 'Rykk ut',
    link: 'Lenke',
    linkAddress: 'Lenkeadresse',
    linkApply: 'Sett inn lenke',
    linkRemove: 'Fjern lenke',
    linkCancel: 'Avbryt',
    table: 'Sett inn tabell',
    addRow: 'Legg til rad',
    removeRow: 'Fjern rad',
    addColumn: 'Legg til kolonne',
    removeColumn: 'Fjern kolonne',
    headerRow: 'Overskriftsrad',
    undo: 'Angre',
    redo: 'Gjør om',
    withShortcut: '{action} ({shortcut})',
    onlyInList: '{action} (bare i en liste)',
    onlyInTable: '{action} (bare i en tabell)',
    nothingTo: '{action} (ingenting å {verb})',
    undoVerb: 'angre',
    redoVerb: 'gjøre om',
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
  login: {
    title: 'Logg inn',
    explanation: 'Logg inn med e-postadressen og passordet du fikk da du ble invitert.',
    expired: 'Økten din er avsluttet. Logg inn på nytt for å fortsette; det du skrev før er lagret.',
    email: 'E-postadresse',
    password: 'Passord',
    submit: 'Logg inn',
    missing: 'Skriv e-postadressen og passordet ditt.',
  },
  account: {
    loggedInAs: 'Logget inn som',
    logout: 'Logg ut',
    setTitle: 'Legg inn tittel',
    editTitle: 'Endre tittel',
    titleLabel: 'Tittelen din (skrives under signaturen din)',
    saveTitle: 'Lagre',
    cancelTitle: 'Avbryt',
    titleFailed: 'Tittelen ble ikke lagret: {message}',
  },
  confirm: {
    cancel: 'Avbryt',
    working: 'Et øyeblikk …',
  },
  role: {
    member: 'Medlem',
    observer: 'Observatør',
    secretariat: 'Sekretariat',
    admin: 'Administrator',
  } satisfies Record<Role, string>,
  side: {
    kommune: 'kommunesiden',
    helseforetak: 'helseforetaket',
  } satisfies Record<Side, string>,
  invitation: {
    title: 'Invitasjon til Samråd',
    explanation: 'Du er invitert til {community} som {role} ({where}).',
    name: 'Navnet ditt',
    newPassword: 'Velg et passord',
    passwordHint: 'Minst {min} tegn.',
    passwordTooShort: 'Passordet må ha minst {min} tegn.',
    accept: 'Godta invitasjonen',
    newAccount: 'Er du ny i Samråd? Velg navn og passord, så får du en konto for {email}.',
    haveAccount: 'Har du allerede en konto for {email}?',
    logInToAccept: 'Logg inn for å godta',
    confirmAs: 'Du er logget inn som {email}. Godta invitasjonen for å bli med.',
    otherAccount:
      'Du er logget inn som {current}, men invitasjonen gjelder {email}. Logg ut og logg inn som {email} for å godta den.',
    logOut: 'Logg ut',
  },
  invite: {
    title: 'Inviter personer',
    link: 'Inviter personer',
    intro: 'Invitasjonen gir tilgang til {community}. Lenken kan brukes én gang og sendes til personen på e-post.',
    name: 'Navn',
    organisation: 'Organisasjon',
    noOrganisation: 'Ingen (observatør eller sekretariat)',
    role: 'Rolle',
    submit: 'Lag invitasjonslenke',
    created: 'Invitasjonen er laget og gjelder til {expires}. Send denne lenken til personen:',
    notAllowed: 'Bare sekretariatet kan invitere personer til dette helsefellesskapet.',
  },
  readOnly: {
    otherSideHospital: 'Bare {hospital} skriver i denne vurderingen.',
    otherSideMunicipalities: 'Bare kommunene skriver i denne vurderingen.',
    observer: 'Observatører leser og kommenterer, men skriver ikke i saksteksten.',
    notAWriter: 'Rollen din gir ikke skrivetilgang til saksteksten.',
    noAccess: 'Du har ikke tilgang til denne saken.',
    locked: 'Teksten er låst etter konsensus og kan ikke endres.',
    published:
      'Saken er publisert, og teksten er frosset. Den kan bare endres gjennom en rettelse som begge parter godtar.',
  },
  refusal: {
    writeRefused:
      'Endringen din ble avvist: {reason} Teksten vises slik den er lagret, og du kan ikke skrive i den før du prøver igjen.',
    forbidden: 'Du har ikke tilgang til denne delen: {reason}',
    tooLarge:
      'Endringen var for stor til å bli tatt imot. Teksten vises slik den er lagret, og du kan ikke skrive i den før du prøver igjen.',
    missingDependencies:
      'Kopien din av teksten manglet endringer som de nye bygde på, så de kunne ikke tas imot. Teksten vises slik den er lagret, og du kan ikke skrive i den før du prøver igjen.',
    contentRefused: 'Endringen inneholdt noe redigeringsverktøyet ikke kjenner, og ble ikke tatt imot: {reason}',
    storageUnavailable:
      'Lagringen er midlertidig utilgjengelig. Det du skriver, tas vare på og sendes når den er tilbake.',
    tooManySockets:
      'Du har for mange åpne tilkoblinger til Samråd. Lukk noen faner eller vinduer, og last siden på nytt.',
    gaveUp: 'Teksten kunne ikke hentes på nytt. Prøv igjen om litt.',
    reloading: 'Henter teksten på nytt …',
  },
  offline: {
    unsentOne: '1 endring er ikke sendt ennå',
    unsentMany: '{count} endringer er ikke sendt ennå',
    unsentHint: 'Endringene er lagret i denne nettleseren og sendes når forbindelsen er tilbake.',
    logoutUnsent:
      'Noen endringer er ikke sendt ennå. Logger du ut nå, slettes de fra denne nettleseren og går tapt. Vil du logge ut likevel?',
    rescuedTitle: 'Dette du skrev, ble ikke lagret',
    rescuedBody:
      'Du kunne ikke lenger skrive i denne delen da endringene dine skulle sendes. Kopier teksten og lim den inn der den hører hjemme, for eksempel i en kommentar.',
    rescuedLabel: 'Teksten du skrev',
    copy: 'Kopier teksten',
    copied: 'Teksten er kopiert.',
    copyFailed: 'Kunne ikke kopiere. Marker teksten og kopier den selv.',
  },
  notifications: {
    bell: 'Varsler',
    bellUnread: 'Varsler, {count} uleste',
    title: 'Varsler',
    empty: 'Ingen varsler ennå.',
    markAllRead: 'Merk alle som lest',
    unread: 'Ulest',
    close: 'Lukk varsler',
    loadFailed: 'Kunne ikke hente varslene.',
    settingsLink: 'Innstillinger for varsler',
    settingsTitle: 'Varsler',
    mailHeading: 'E-post',
    mailIntro:
      'Velg for hvert slag varsel om du vil ha e-post med en gang, samlet én gang i døgnet, eller ikke i det hele tatt. Varslene vises alltid i klokka.',
    save: 'Lagre',
    saved: 'Lagret.',
    deliveries: { immediately: 'Med en gang', digest: 'Daglig oppsummering', off: 'Ingen e-post' },
    kinds: {
      mention: 'Du er nevnt i en kommentar',
      reply: 'Svar i en tråd du deltar i',
      'case-status': 'En sak går til drøfting eller beslutning',
      'approval-needed': 'Din part må godkjenne',
      'approval-dropped': 'En godkjenning falt bort fordi teksten ble endret',
      consensus: 'Konsensus er oppnådd',
      published: 'En sak er publisert',
      'reopen-requested': 'Den andre parten ber om gjenåpning',
      meeting: 'Møter (med kalenderinvitasjon)',
      'signature-needed': 'En erklæring venter på din organisasjons signatur',
    },
    calendarHeading: 'Kalender',
    calendarIntro:
      'Abonner på møtene i helsefellesskapene dine fra kalenderprogrammet ditt. Adressen er hemmelig: del den ikke.',
    calendarShow: 'Vis kalenderadressen',
    calendarUrl: 'Kalenderadresse',
    mailboxHeading: 'Utgående e-post (utviklingspostkasse)',
    mailboxIntro: 'Uten SMTP_URL sendes ingen e-post; her er det som ville blitt sendt.',
    mailboxEmpty: 'Ingen e-post ennå.',
    mailboxSent: 'Sendt {when}',
    mailboxWaiting: 'Venter',
  },
  comments: {
    start: 'Kommenter markert tekst',
    marginLabel: 'Kommentarer til {section}',
    newLabel: 'Skriv en kommentar',
    reply: 'Svar',
    send: 'Send',
    save: 'Lagre',
    cancel: 'Avbryt',
    edit: 'Rediger',
    delete: 'Slett',
    confirmDelete: 'Vil du slette kommentaren?',
    deleted: 'Kommentaren er slettet.',
    edited: '(redigert)',
    resolve: 'Marker som løst',
    reopen: 'Åpne igjen',
    resolvedAt: 'Løst {when}',
    showResolved: 'Vis løste ({count})',
    hideResolved: 'Skjul løste ({count})',
    detached: 'Teksten er slettet:',
    threadOn: 'Kommentartråd om «{quote}»',
    mentionSuggestions: 'Personer du kan nevne',
    mention: 'Nevn en person …',
    empty: 'Skriv noe før du sender.',
    noSelection: 'Marker teksten du vil kommentere.',
    openCount: { one: '{count} åpen kommentar', other: '{count} åpne kommentarer' },
    mine: 'Nevnt i kommentarer',
    mineEmpty: 'Ingen har nevnt deg i en kommentar ennå.',
    mineItem: 'Sak {number} {title}, {section}',
  },
  proposals: {
    start: 'Foreslå endring',
    startHint: 'Marker ord innenfor ett avsnitt for å foreslå en endring.',
    newLabel: 'Foreslått tekst',
    reasonLabel: 'Begrunnelse (valgfritt)',
    send: 'Send forslag',
    cancel: 'Avbryt',
    unchanged: 'Skriv teksten du foreslår i stedet.',
    noSelection: 'Marker teksten du vil foreslå endret, innenfor ett avsnitt.',
    proposedBy: 'Forslag fra {name}',
    replaces: 'Foreslår å erstatte «{quote}» med «{replacement}»',
    removes: 'Foreslår å fjerne «{quote}»',
    accept: 'Godta',
    reject: 'Avvis',
    stale: 'Teksten er endret siden forslaget',
    accepted: 'Godtatt av {name} {when}',
    rejected: 'Avvist av {name} {when}',
    onlyWriters: 'Bare de som kan skrive denne delen, kan godta eller avvise forslaget.',
    inlineLabel: 'Forslag fra {name}: «{replacement}»',
    threadOn: 'Forslag om «{quote}»',
  },
  papers: {
    exportTitle: 'Last ned saksfremlegget',
    exportMeetingTitle: 'Last ned møtet med alle saker',
    exportPdf: 'PDF',
    exportDocx: 'Word (DOCX)',
    declarationTitle: 'Signering av erklæringen',
    declarationIntro:
      'Erklæringen signeres av hver partner: kommunedirektøren i hver kommune og administrerende direktør i helseforetaket.',
    signedCount: { one: '{signed} av {total} partner har signert', other: '{signed} av {total} partnere har signert' },
    missing: 'Mangler signatur',
    signedBy: '{title} {name}, {when}',
    sign: 'Signer for {organisation}',
    signing: 'Signerer …',
    signFailed: 'Signeringen ble ikke lagret: {message}',
    allSigned: 'Alle partnerne har signert.',
    notAgreed: 'Erklæringen kan signeres når teksten er vedtatt i konsensus.',
    withdraw: 'Trekk tilbake signaturen for {organisation}',
    withdrawConfirm:
      'Signaturen for {organisation} fjernes fra erklæringen. At den ble gitt og trukket tilbake, blir stående i historikken.',
    withdrawYes: 'Ja, trekk tilbake',
    withdrawFailed: 'Signaturen ble ikke trukket tilbake: {message}',
    withdrawTitle: 'Trekke tilbake signaturen for {organisation}?',
    signTitle: 'Signere erklæringen for {organisation}?',
    signAs: 'Du signerer for {organisation} som {name}, {title}.',
    signBinds:
      'Signaturen bindes til teksten nedenfor, slik den står nå. Når den første partneren har signert, kan ingen endre teksten før alle signaturene er trukket tilbake.',
    signConfirm: 'Signer',
    noTitle:
      'Du må legge inn tittelen din før du signerer; den skrives under signaturen. Velg «Legg inn tittel» ved navnet ditt øverst på siden.',
    textToSign: 'Teksten som signeres',
    signedText: 'Den signerte teksten',
    sealedAt: 'Teksten ble låst for endringer ved første signatur {when}.',
    unbound: '(signert før teksten ble låst ved signering)',
    withdrawalsTitle: 'Trukne signaturer',
    withdrawnBy: '{organisation}: signert av {title} {signer} {signed}, trukket tilbake av {withdrawer} {withdrawn}',
    publicTitle: 'Offentlige saker – {community}',
    publicIntro: 'Publiserte saker med vedtatt tekst. Siden krever ingen innlogging.',
    publicEmpty: 'Ingen saker er publisert ennå.',
    publicSignatories: 'Signert av partnerne',
    publicPdf: 'Last ned som PDF',
    publicNotFound: 'Fant ikke helsefellesskapet.',
    publicLogin: 'Logg inn i Samråd',
    publicMeetings: 'Møter',
    publicMeeting: '{body} {date}, {place}',
    publicMeetingPdf: 'Last ned møtet som PDF',
    publicAgendaEmpty: 'Ingen publiserte saker på sakslisten ennå.',
    publicAgendaItem: 'Sak {number} {title}',
    publicCases: 'Publiserte saker',
    publicPublished: 'Publisert {date}',
    publicCorrected: 'Rettet {date}',
    digital: 'digitalt',
  },
  consensus: {
    title: 'Konsensus',
    status: 'Status:',
    municipalities: 'Kommunene',
    approvals: 'Godkjenning av innstillingen',
    noApprovalNeeded: 'Orienteringssaker trenger ingen godkjenning.',
    notApproved: 'har ikke godkjent',
    approvedByShort: 'godkjent av {name}, {when}',
    approvedBy: '{side}: godkjent av {name}, {when}',
    approve: 'Godkjenn innstillingen for {side}',
    approveTitle: 'Godkjenne innstillingen for {side}?',
    approveWhat:
      'Du godkjenner den nøyaktige teksten i «{section}» slik den står nå, på vegne av {side}. Endres teksten etterpå, faller godkjenningen bort.',
    approveLock:
      'Når begge sider har godkjent den samme teksten, låses innstillingen og begge vurderingene, og saken får status konsensus.',
    approveConfirm: 'Godkjenn',
    openComments: {
      one: '{count} åpen kommentar på innstillingen',
      other: '{count} åpne kommentarer på innstillingen',
    },
    openCommentsHint: 'Les dem før du godkjenner.',
    noOpenComments: 'Ingen åpne kommentarer på innstillingen.',
    commentOn: 'Kommentar til «{quote}»',
    openProposals: {
      one: '{count} åpent forslag til endring av innstillingen',
      other: '{count} åpne forslag til endring av innstillingen',
    },
    proposalOn: 'Forslag fra {name}: «{quote}» → «{replacement}»',
    publishTitle: 'Publisere saken?',
    publishWhat:
      'Saken med den vedtatte teksten blir synlig for alle på den offentlige siden til helsefellesskapet, uten innlogging.',
    alreadyApproved: 'Din side har godkjent denne teksten',
    notSynced: 'Teksten er ikke hentet ennå. Vent litt og prøv igjen.',
    voided: 'Godkjenning falt bort fordi teksten ble endret.',
    voidedBy: 'Godkjenning falt bort fordi teksten ble endret (av {name}):',
    added: 'lagt til:',
    removed: 'fjernet:',
    lockedBanner: 'Konsensus er oppnådd. Innstillingen og begge vurderingene ble låst {when}.',
    lockedAt: 'Låst {when}',
    decisionRecord: 'Beslutningsprotokoll',
    contentHash: 'Innholdsnøkkel:',
    twoStepDefault: 'Saken behandles i to trinn: først drøfting, så beslutning.',
    oneStepOne: '{side} har godtatt behandling i ett trinn. Den andre siden må også godta.',
    oneStepAgreed: 'Begge sider har godtatt behandling i ett trinn.',
    agreeOneStep: 'Vår side godtar behandling i ett trinn',
    withdrawOneStep: 'Trekk tilbake vår enighet om ett trinn',
    reopenReason: 'Hvorfor bør teksten åpnes igjen?',
    requestReopen: 'Be om gjenåpning',
    reopenRequested: '{name} ({side}) ber om å åpne teksten igjen: «{reason}»',
    confirmReopen: 'Bekreft gjenåpning',
    awaitingOtherSide: 'Venter på at den andre siden bekrefter.',
    flow: 'Flytt saken',
    moveTo: {
      utkast: 'Tilbake til utkast',
      til_drofting: 'Send til drøfting',
      til_beslutning: 'Send til beslutning',
      publisert: 'Publiser',
      trukket: 'Trekk saken',
    },
  },
  publication: {
    title: 'Publisering',
    frozen: 'Publisert {when} av {name}. Teksten er frosset og kan ikke endres.',
    frozenCorrected: 'Rettet versjon publisert {when} av {name}. Teksten er frosset og kan ikke endres.',
    system: 'Samråd',
    correctionReason: 'Hva skal rettes, og hvorfor?',
    requestCorrection: 'Be om rettelse',
    correctionRequested: '{name} ({side}) ber om å rette den publiserte teksten: «{reason}»',
    confirmCorrection: 'Bekreft rettelse',
    awaitingOtherSide: 'Venter på at den andre siden bekrefter rettelsen.',
    open: 'Rettelse bekreftet av {name} {when}: «{reason}». Teksten kan rettes; den offentlige siden viser fortsatt den publiserte versjonen.',
    republish: 'Publiser rettet versjon',
    history: 'Rettelser',
    historyItem: '{when}: «{reason}», bedt om av {requester}, bekreftet av {confirmer}',
  },
  search: {
    label: 'Søk i saker og kommentarer',
    placeholder: 'Søk …',
    title: 'Søk etter «{query}»',
    documentTitle: 'Søk: {query}',
    none: 'Fant ingenting i sakene du har tilgang til.',
    caseTitle: 'Sak {number} {title}',
    inTitle: 'i sakens tittel',
    inSection: 'i «{section}»',
    inComment: 'i en kommentar til «{section}»',
  },
  overview: {
    awaiting: 'Venter på godkjenning fra din side',
    awaitingNone: 'Ingen saker venter på din sides godkjenning.',
    mine: 'Mine saker',
    mineNone: 'Du har ikke skrevet eller kommentert i noen sak ennå.',
    caseLink: 'Sak {number} {title}',
    nextMeetings: 'Neste møter',
    nextMeetingsNone: 'Ingen møter er planlagt fremover.',
    meetingLink: '{date}: {body}, {place}',
    agendaCount: { one: '{count} sak på sakslisten', other: '{count} saker på sakslisten' },
  },
  activity: {
    lastWrite: 'Sist skrevet av {name}, {when}',
    none: 'Ingen har skrevet her i Samråd ennå.',
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

/** A message with a singular and a plural form, chosen by the number it counts. */
export interface PluralMessage<One extends string, Other extends string> {
  one: One;
  other: Other;
}

const pluralRules = new Intl.PluralRules('nb');

/**
 * Fills the form that agrees with `count` in bokmål: "1 åpen kommentar", "2 åpne
 * kommentarer", and the plural for 0 too ("0 saker"). `count` is what the noun counts; it is
 * also filled in as `{count}` unless `values` gives another value for it.
 */
export function formatPlural<One extends string, Other extends string>(
  message: PluralMessage<One, Other>,
  count: number,
  values: Omit<Record<Placeholders<One> | Placeholders<Other>, string | number>, 'count'> & { count?: string | number },
): string {
  const template: string = pluralRules.select(count) === 'one' ? message.one : message.other;
  return format(template, { count, ...values } as Record<string, string | number>);
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

/** A side as the consensus and publication panels name it: "Kommunene" or the hospital trust. */
export function partyName(side: Side, hospitalName: string): string {
  return side === 'helseforetak' ? hospitalName : messages.consensus.municipalities;
}

/** The choice of who writes a new section, naming the hospital trust as the papers do. */
export function ownerChoiceLabel(owner: SectionOwner, hospitalName: string): string {
  return format(messages.sectionTools.owners[owner], { hospital: hospitalName });
}

export function sectionKindLabel(kind: SectionKind): string {
  return messages.sectionTools.kinds[kind];
}

/** Why the secretariat cannot make a change to the sections now (decideSectionChange). */
export function sectionChangeRefusal(reason: SectionChangeRefusal): string {
  return refusalSentence(reason);
}

/** A refusal's one wording (REFUSAL_TEXT, shared with the server) as a sentence for the page. */
export function refusalSentence(code: RefusalCode): string {
  return asSentence(REFUSAL_TEXT[code]);
}

/** "teksten er låst" → "Teksten er låst." (the server's wordings are clauses, the page shows sentences). */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1) + (/[.!?]$/.test(trimmed) ? '' : '.');
}

export function caseHeading(body: string, number: string): string {
  return format(messages.case.heading, { body, number });
}

export function documentTitle(page: string): string {
  return format(messages.app.documentTitle, { page });
}

export function roleLabel(role: Role): string {
  return messages.role[role];
}

export function sideLabel(side: Side): string {
  return messages.side[side];
}

/** "Medlem, Vestvågøy kommune" or "Sekretariat, Helsefellesskapet …". */
export function membershipLabel(membership: MembershipView): string {
  return `${roleLabel(membership.role)}, ${membership.organisationName ?? membership.communityName}`;
}

/** Why a section is read-only for this person, in a sentence under its heading. */
export function readOnlyReason(reason: RefusalReason, owner: SectionOwner, hospitalName: string): string {
  switch (reason) {
    case 'other-side':
      return owner === 'helseforetak'
        ? format(messages.readOnly.otherSideHospital, { hospital: hospitalName })
        : messages.readOnly.otherSideMunicipalities;
    case 'observer':
      return messages.readOnly.observer;
    case 'locked':
      return messages.readOnly.locked;
    case 'published':
      return messages.readOnly.published;
    case 'no-access':
      return messages.readOnly.noAccess;
    case 'not-a-writer':
    case 'not-author':
    default:
      return messages.readOnly.notAWriter;
  }
}
