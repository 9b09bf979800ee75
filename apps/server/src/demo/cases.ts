import type { Case, Section } from '@samraad/schema';
import type { Block } from '../sections/content.js';

export interface DemoSection extends Omit<Section, 'caseId' | 'position'> {
  blocks: Block[];
}

/**
 * Who carries a decided demo case through the real flow when it is seeded: one member of each
 * side approves the consensus wording (which locks it), and the secretariat publishes it.
 */
export interface DemoDecision {
  approvedBy: { kommune: string; helseforetak: string };
  publishedBy: string;
}

/**
 * `status` is where the case ends up. A case that needs consensus and ends up published is
 * created in the decision round and taken the rest of the way by `decision`, through the
 * consensus service, so the demo obeys the rules it demonstrates.
 */
export interface DemoCase extends Case {
  sections: DemoSection[];
  decision?: DemoDecision;
}

const p = (text: string): Block => ({ type: 'paragraph', text });
const bullets = (...items: string[]): Block => ({ type: 'bulletList', items });
const numbered = (...items: string[]): Block => ({ type: 'orderedList', items });

/** Partnerskapsmøte sak 04-2022, from the public case paper. */
const samhandlingsarenaer: DemoCase = {
  id: 'lvs-04-2022',
  communityId: 'lvs',
  number: '04-2022',
  body: 'Partnerskapsmøte',
  title: 'Samhandlingsarenaer i Helsefelleskapet Lofoten, Vesterålen, Salten',
  kind: 'beslutningssak',
  status: 'til_drofting',
  caseOfficers: ['Trude Kristin Kristensen', 'Knut Erik Dahlmo', 'Stian Molvik'],
  documentDate: '2022-10-04',
  meetingDate: '2022-10-25',
  reference: '2022/2936',
  attachments: [],
  sections: [
    {
      id: 'innstilling',
      kind: 'innstilling',
      title: 'Innstilling til konsensus',
      owner: 'shared',
      blocks: [
        p(
          'Partnerskapsmøtet ber strategisk samarbeidsutvalg (SSU) legge til rette for hensiktsmessige ' +
            'samhandlingsarenaer hvor partnerne har likeverdig eierskap til innhold og organisering',
        ),
      ],
    },
    {
      id: 'bakgrunn',
      kind: 'bakgrunn',
      title: 'Bakgrunn',
      owner: 'shared',
      blocks: [
        p(
          'Før etablering av helsefelleskapet hadde Nordlandssykehuset HF et antall arenaer der kommunene ble ' +
            'invitert inn, enkelte av disse var forankret i tidligere overordnet samarbeidsorgan (OSO), der tema ' +
            'var samhandling. Etableringen av Helsefelleskapet Lofoten, Vesterålen, Salten er en god grunn for å ' +
            'se på muligheten for å etablere arenaer i regi av helsefelleskapet, med likeverdig innflytelse på ' +
            'representasjon og agenda.',
        ),
        p(
          'I tråd med Vestfjorderklæringen har helsefelleskapet ambisjoner om et tettere og mer forpliktende ' +
            'samarbeid for å utvikle tjenester til det beste for våre innbyggere. Det er derfor behov for å ' +
            'etablere fungerende samhandlingsarenaer hvor kommuner og helseforetaket kan drøfte operative ' +
            'utfordringer og finner lokale løsninger for å planlegge og utvikle tjenester sammen.',
        ),
        p(
          'Partnerskapsmøtet orienteres i denne saken om SSU sitt arbeid med å utvikle eksisterende ' +
            'samhandlingsarenaer til arenaer som blir likeverdige møteplasser. Forankring av saken i ' +
            'partnerskapsmøtet vil gi SSU gode forutsetninger for å finne de gode løsningene.',
        ),
      ],
    },
    {
      id: 'kommunenes-vurdering',
      kind: 'vurdering',
      title: 'Kommunenes vurdering',
      owner: 'kommune',
      blocks: [
        p(
          'Kommunene i helsefelleskapet har mange, godt etablerte, møteplasser og nettverk for politikere, ' +
            'ledere og fagfolk. Kommunene vurderer at RKK (Regionalt kontor for kompetanseutvikling) er en ' +
            'aktuell aktør som kan bistå i fasilitering av lokale samhandlingsarenaer sammen med ' +
            'Kunnskapskommunen Helse og Omsorg Nord. Saken om utvikling av lokale samhandlingsarenaer ble ' +
            'diskutert i møte med RKK Lofoten, RKK Salten og RKK Vesterålen 2. september 2022.',
        ),
      ],
    },
    {
      id: 'nlsh-vurdering',
      kind: 'vurdering',
      title: 'Nordlandssykehuset HFs vurdering',
      owner: 'helseforetak',
      blocks: [
        p(
          'Nordlandssykehuset er opptatt av å utvikle tiltak som virker. Møteplasser mellom fagfolk og ledere i ' +
            'kommuner og helseforetak er avgjørende for å kunne legge til rette for enda mer virksomme ' +
            'pasientforløp. Samhandling skjer i alle møtepunkter i helsetjenesten, mellom pasient og ' +
            'helsepersonell, mellom ledere i kommuner og helseforetak og mellom ledere og ansatte. Det er en ' +
            'forutsetning for Nordlandssykehuset HF at det etableres samhandlingsarenaer som bidrar til riktig ' +
            'bruk av ressurser.',
        ),
      ],
    },
    {
      id: 'innledning',
      kind: 'innledning',
      title: 'Innledning',
      owner: 'shared',
      blocks: [
        p(
          'I tråd med Vestfjorderklæringen har helsefelleskapet ambisjoner om et tettere og forpliktende ' +
            'samarbeid for å utvikle tjenester til beste for våre innbyggere. Det er derfor behov for å etablere ' +
            'fungerende samhandlingsarenaer hvor kommuner og helseforetaket kan drøfte operative utfordringer og ' +
            'finner lokale løsninger for å planlegge og utvikle tjenester sammen, slik det legges opp til i ' +
            'nasjonal helse og sykehusplan.',
        ),
        p(
          'Gjeldende overordnet samarbeidsavtale mellom kommunene og Nordlandssykehuset forplikter partene til ' +
            'gjennomføring og forankring av denne og de tilhørende tjenesteavtalene. Tredje ledd i ' +
            'samarbeidsavtalen lyder slik:',
        ),
        p(
          'Partene har gjensidig informasjonsplikt ved endringer i rutiner, organisering, kapasitet og lignende ' +
            'som kan ha innvirkning på de områdene avtalene omfatter.',
        ),
        p(
          'Arenaer der man kan komme i dialog om mulige endringer i rutiner, organisering, kapasitet og ' +
            'lignende vil legge til rette for reell samhandling og sannsynligvis bedre løsninger enn om partnerne ' +
            'gjør disse endringene hver for seg og informerer i etterkant.',
        ),
      ],
    },
  ],
};

/** Partnerskapsmøte sak 06-2021 with the declaration it adopted. */
const vestfjorderklaeringen: DemoCase = {
  id: 'lvs-06-2021',
  communityId: 'lvs',
  number: '06-2021',
  body: 'Partnerskapsmøte',
  title: 'Vestfjorderklæringen for helsefellesskapet Lofoten, Vesterålen og Salten',
  kind: 'beslutningssak',
  status: 'publisert',
  caseOfficers: ['Trude Kristin Kristensen'],
  documentDate: null,
  meetingDate: '2021-09-23',
  reference: null,
  attachments: [{ title: 'Vestfjorderklæringa 2021 - 2023' }],
  decision: {
    approvedBy: { kommune: 'kommune@lvs.demo', helseforetak: 'sykehus@lvs.demo' },
    publishedBy: 'sekretariat@lvs.demo',
  },
  sections: [
    {
      id: 'anbefaling',
      kind: 'innstilling',
      title: 'Anbefaling',
      owner: 'shared',
      blocks: [
        numbered(
          'Partnerskapsmøtet slutter seg til vedlagte partnerskapserklæring',
          'Partnerskapserklæringen betegnes i det videre som «Vestfjorderklæringen 2021 - 2023»',
        ),
      ],
    },
    {
      id: 'bakgrunn',
      kind: 'bakgrunn',
      title: 'Bakgrunn',
      owner: 'shared',
      blocks: [
        p(
          'I tråd med mandat gitt av Overordnet samarbeidsorgan (OSO) i sak 004-2021 er det utarbeidet et ' +
            'forslag til partnerskapserklæring for helsefellesskapet. Forslaget er utarbeidet av klinisk ' +
            'samarbeidsutvalg (KSU) nedsatt av OSO, bestående av representanter fra kommunene, helseforetaket og ' +
            'Brukerutvalget. Helsefellesskapets øverste organ, det årlige partnerskapsmøtet, skal i henhold til ' +
            'vedtektene drøfte og vedta partnerskapserklæringen.',
        ),
        p(
          'Et enstemmig OSO anbefaler partnerskapsmøtet å slutte seg til den vedlagte partnerskapserklæringen, ' +
            'og at erklæringen får navnet «Vestfjorderklæringen 2021 - 2023».',
        ),
        p(
          'Erklæringen beskriver hvordan man samhandler i helsefellesskapet. Det skal følge en egen ' +
            'handlingsplan med erklæringen som skal fungere som et årshjul for strategisk samarbeidsutvalg (SSU). ' +
            'Handlingsplanen skal konkretisere årlige tiltak, og vil således være retningsgivende for å nå de mer ' +
            'langsiktige målene i «Vestfjorderklæringen 2021-2023».',
        ),
      ],
    },
    {
      id: 'erklaering',
      kind: 'erklaering',
      title: 'Vestfjorderklæringen 2021-2023',
      owner: 'shared',
      blocks: [
        p('Felles erklæring for partnerne i Helsefellskapet Lofoten, Salten og Vesterålen'),
        p(
          'Partnerne i helsefellesskapet er Nordlandssykehuset HF, kommunene Moskenes, Værøy, Vestvågøy, ' +
            'Flakstad, Røst, Vågan, Meløy, Saltdal, Steigen, Bodø, Gildeskål, Hamarøy, Beiarn, Fauske, Sørfold, ' +
            'Øksnes, Hadsel, Sortland, Andøy, Bø.',
        ),
        p(
          'Vestfjorderklæringen er helsefellesskapets erklæring for et tettere og forpliktende samarbeid for å ' +
            'utvikle helsetjenester til det beste for våre innbyggere.',
        ),
        p(
          'Helsefelleskapet vil fremme felles ansvar for pasientforløp som i sin natur går på tvers av helseforetak og kommuner.',
        ),
        bullets(
          'Sørge for tettere og forpliktende samarbeid mellom brukere, fastleger, kommuner og helseforetak.',
          'Helsefelleskapet skal jobbe frem gode beskrivelser for hvordan kommuner og foretak skal planlegge og utvikle tjenester sammen.',
          'Det skal utvikles en tydeligere samarbeidsstruktur.',
        ),
        p('Forpliktende konsensus - bedre og mer effektive beslutningsprosesser'),
        bullets(
          'Tydeligere skille og prioriteringer av saker som skal til partnerskapsmøtet, strategisk ' +
            'samarbeidsutvalg eller til faglig samarbeidsutvalg.',
          'Fremme felles virkelighetsforståelse ved bruk av felles framskrivningsverktøy for kommuner og foretak.',
          'Brukere og fastleger skal delta i prosessen på alle nivå.',
        ),
        p('Teknologi og personell'),
        bullets(
          'Fremme innovasjon og nye måter å løse oppgaver på - hvordan tenke felles rundt utvikling av bærekraftige tjenester.',
          'Fremme felles innsats for å sikre nok helsepersonell med riktig kompetanse i alle ledd av helsetjenesten.',
          'Understøtte hele helsetjenesten ved å ta i bruk teknologi og digitale tjenester som bedrer samhandlingen.',
        ),
      ],
    },
  ],
};

/**
 * The SSU action plan adopted by Partnerskapsmøtet 2021. The paper's first page (with the
 * case number) is missing from the seed; 07-2021 is our numbering, next after the
 * declaration the plan accompanies.
 */
const handlingsplanSsu: DemoCase = {
  id: 'lvs-07-2021',
  communityId: 'lvs',
  number: '07-2021',
  body: 'Partnerskapsmøte',
  title: 'Handlingsplan for strategisk samarbeidsutvalg (SSU) 2021-2022',
  kind: 'beslutningssak',
  status: 'til_beslutning',
  caseOfficers: ['Trude Kristin Kristensen'],
  documentDate: null,
  meetingDate: '2021-09-23',
  reference: null,
  attachments: [{ title: 'Forslag til handlingsplan for strategisk samarbeidsutvalg (SSU)' }],
  sections: [
    {
      id: 'anbefaling',
      kind: 'innstilling',
      title: 'Anbefaling',
      owner: 'shared',
      blocks: [
        p(
          'Partnerskapsmøtet slutter seg til handlingsplan for strategisk samarbeidsutvalg (SSU) for perioden ' +
            '2021-2022, slik anbefalt av Overordnet samarbeidsorgan (OSO)',
        ),
      ],
    },
    {
      id: 'bakgrunn',
      kind: 'bakgrunn',
      title: 'Bakgrunn',
      owner: 'shared',
      blocks: [
        p(
          'I tråd med mandat gitt av OSO i sak 004-2021 er det utarbeidet et forslag til handlingsplan for ' +
            'helsefellesskapet. Forslaget er utarbeidet av klinisk samarbeidsutvalg nedsatt av OSO, bestående av ' +
            'representanter fra kommunene, helseforetaket og brukerutvalget. Helsefellesskapets øverste organ, ' +
            'det årlige partnerskapsmøtet, skal i henhold til vedtektene vedta handlingsplanen. Et enstemmig OSO ' +
            'anbefaler at den vedlagte handlingsplanen vedtas.',
        ),
      ],
    },
    {
      id: 'saksfremstilling',
      kind: 'saksfremstilling',
      title: 'Saksfremstilling',
      owner: 'shared',
      blocks: [
        p(
          '«Vestfjorderklæringen 2021 - 2023» beskriver hvordan man samhandler i helsefellesskapet. Det skal ' +
            'følge en egen handlingsplan med erklæringen som skal fungere som et årshjul for SSU. Handlingsplanen ' +
            'vektlegger de konkrete områdene som partnerskapsmøtet anbefaler at SSU skal rapportere på til ' +
            'kommende partnerskapsmøte. Handlingsplanen skal konkretisere årlige tiltak, og vil således være ' +
            'retningsgivende for å nå de mer langsiktige målene i «Vestfjorderklæringen 2021-2023». En slik ' +
            'handlingsplan vil det i fremtiden være SSU som utarbeider, og legger frem for partnerskapsmøtet med ' +
            'en anbefaling. Vedlagte handlingsplan som ligger til behandling legger opp til å videreutvikle ' +
            'samhandlingen i tråd med føringer gitt i nasjonal helse- og sykehusplan 2020 – 2023 med felles ' +
            'planlegging av tjenester til:',
        ),
        bullets(
          'Barn og unge',
          'Personer med alvorlige psykiske lidelser og rusproblemer',
          'Skrøpelige eldre',
          'Personer med flere kroniske lidelser',
        ),
        p(
          'Videre tar handlingsplanen opp i seg bærekraft i pasientbehandlingen ved hjelp av gode inn- og ' +
            'utskrivingsrutiner, etablering av samhandlingssekretariat, og et enda tydeligere fokus på ' +
            'samhandling rundt helhetlige pasientforløp. Listen er ikke uttømmende.',
        ),
      ],
    },
    {
      id: 'handlingsplan',
      kind: 'annet',
      title: 'Handlingsplan for Helsefellesskapet Lofoten, Vesterålen og Salten 2021-2022',
      owner: 'shared',
      blocks: [
        p('Gjeldene for perioden 23. september 2021 til og med partnerskapsmøtet 2022.'),
        p(
          'Formål: Handlingsplanen skal ivareta tjenesteavtalene og sørge for videreutvikling og forankring av ' +
            'disse med tilhørende pasientforløpsarbeid, retningslinjer og rutiner i Nordlandssykehuset HF og ' +
            'kommunene. I Helsefelleskapet har vi over år innarbeidet god kultur for samhandling – som er en ' +
            'forutsetning for å lykkes, dette skal vi utvikle tettere sammen.',
        ),
        p(
          'Helsefellesskapet skal utvikle samhandlingen i tråd med føringer gitt i Nasjonal helse- og ' +
            'sykehusplan 2020- 2023 med felles planlegging av tjenester til:',
        ),
        bullets(
          'Barn og unge',
          'Personer med alvorlige psykiske ledelser og rusproblemer',
          'Skrøpelige eldre',
          'Personer med flere kroniske lidelser',
        ),
        p('Øke fokus på tjenesteavtalene hos den enkelte medarbeider'),
        bullets(
          'Kjennskap til avviksrapportering i forhold til samarbeidsavtalene',
          'Sikre godt implementerte meldingsutvekslingssystem i alle kommuner og foretak',
        ),
        p('Samhandling om helhetlige pasientforløp'),
        bullets(
          'Utvikle gode kliniske samhandlingsarenaer med lederforankring i foretak og kommuner.',
          'Utvikle nettside med behandlingsoversikt for barn og unges psykiske helse. Denne skal sikrer lett ' +
            'tilgjengelig oversikt over behandlingstilbud hos ulike behandlingsnivå.',
          'Implementere pasientforløpsarbeid som en samhandlingsmetodikk på klinisk nivå og på tvers av ' +
            'behandlingsnivå. Skal bidra til utvikling, kompetanseheving og varige endringer. Mulighet for ' +
            'gjensidig konsultasjon mellom helsepersonell utvikles.',
          'Brukermedvirkning skal vektlegges i alle slike forløpsarbeid. Reell brukermedvirkning skal forankres ' +
            'med samvalg. Koordinerende enheter og individuell plan er viktige verktøy for pasientarbeid på alle ' +
            'nivå.',
        ),
        p('Samhandling om smittevern med opprettelse av samhandlingsarena når situasjoner krever dette'),
        p('Søke felles virkelighetsforståelse ved bruk av felles statistikk og virkelighetsforståelse.'),
        bullets('Ta i bruk samhandlingsbarometeret når det er etablert'),
      ],
    },
  ],
};

/**
 * Helgelandserklæringen 2023-2024, signed in Sandnessjøen 4 May 2023. The paper carries no
 * case number; 01-2023 is ours, and so is the one-line recommendation both sides approve
 * (a published decision has an agreed wording, like 06-2021's Anbefaling).
 */
const helgelandserklaeringen: DemoCase = {
  id: 'helgeland-01-2023',
  communityId: 'helgeland',
  number: '01-2023',
  body: 'Partnerskapsmøte',
  title: 'Helgelandserklæringen 2023-2024',
  kind: 'beslutningssak',
  status: 'publisert',
  caseOfficers: [],
  documentDate: null,
  meetingDate: '2023-05-04',
  reference: null,
  attachments: [],
  decision: {
    approvedBy: { kommune: 'kommune@helgeland.demo', helseforetak: 'sykehus@helgeland.demo' },
    publishedBy: 'sekretariat@helgeland.demo',
  },
  sections: [
    {
      id: 'anbefaling',
      kind: 'innstilling',
      title: 'Anbefaling',
      owner: 'shared',
      blocks: [p('Partnerskapsmøtet slutter seg til Helgelandserklæringen 2023-2024')],
    },
    {
      id: 'erklaering',
      kind: 'erklaering',
      title: 'Helgelandserklæringen 2023-2024',
      owner: 'shared',
      blocks: [
        p(
          'Partene i Helsefellesskap Helgeland er Helgelandssykehuset HF, og kommunene Alstahaug, Brønnøy, ' +
            'Dønna, Grane, Hattfelldal, Hemnes, Herøy, Leirfjord, Lurøy, Nesna, Rana, Rødøy, Sømna, Træna, Vefsn, ' +
            'Vega og Vevelstad.',
        ),
        p(
          'Helgelandserklæringen bygger på partenes erkjennelse av felles utfordringer som forplikter ' +
            'samarbeidet for kontinuerlig utvikling av helsetjenestene på Helgeland.',
        ),
        p('"Sammen kan vi skape gode og velutviklede helsetjenester til befolkningen på Helgeland"'),
        p(
          'Helgelandserklæringens fundament er Nasjonal Helse- og sykehusplan 2020-2023. I Nasjonal Helse- og ' +
            'sykehusplan og i NOU 2023:4 Tid for handling, beskrives framtidens utfordringer knyttet til helse- ' +
            'og omsorgstjenstene.',
        ),
        p(
          'Helsefellesskapene er etablert for å bidra til å skape en mer sammenhengende og bærekraftig helse- ' +
            'og omsorgstjeneste, med kommuner og helseforetak som likeverdige partnere.',
        ),
        p('Formålet med erklæringen'),
        p(
          'Helsefelleskapets formål er å skape sammenhengende helse- og omsorgstjenester for pasienter som ' +
            'trenger tjenester fra både spesialisthelsetjenesten og kommunehelsetjenesten. Videre skal ' +
            'helsefellesskapet bidra til å utvikle fremtidige bærekraftige helse- og omsorgstjenester på ' +
            'Helgeland.',
        ),
        p(
          'Samarbeidet skal utvikles slik at saker drøftes på riktig nivå og blant personer som har nødvendig kompetanse og myndighet.',
        ),
        p('Samarbeidet skal tuftes på gjensidig respekt, partnerskap og konsensus.'),
        p('Helsefellesskap Helgeland skal planlegge for en bærekraftig helsetjeneste på Helgeland gjennom:'),
        bullets(
          'Sørge for gode pasientforløp for alle innbyggerne på Helgeland',
          'Sørge for å øke helsekompetansen hos Helgelands innbyggere',
          'Sørge for å utvikle et godt lærings- og mestringstilbud',
          'God utnyttelse av regionens ressurser gjennom bruk av eksisterende og nye digitale tjenester',
          'Forskning og innovasjon i fellesskap i kommune og sykehus',
          'Sørge for utdanning av og kompetanseutvikling av helsepersonell',
          'Sørge for kompetansedeling på tvers av og innad i tjenestenivåene',
          'Arbeide for rekruttering og stabilisering av helsepersonell',
          'Tettere og mer forpliktende samarbeid mellom partene, inkludert bruker- og fastlegesiden',
          'Satsning på forebygging og egenmestring',
          'Utviklingsarbeid gjennom innovasjon og bruk av moderne teknologi',
          'Satsning på felles innsats for å sikre nok helsepersonell med riktig kompetanse i alle ledd av helsetjenesten.',
        ),
        p(
          'Hovedmålsettingen med Helgelandserklæringen er at partene sammen skal prioritere innsatsområder for ' +
            'årene fremover. Dette skal konkretiseres i en handlingsplan. Helgelandserklæringen revideres i ' +
            'partnerskapsmøtet hvert andre år. Handlingsplanen evalueres og revideres i stratgisk ' +
            'samarbeidsutvalg hvert år.',
        ),
        p('Sandnessjøen 4.mai 2023'),
      ],
    },
  ],
};

export const demoCases: readonly DemoCase[] = [
  samhandlingsarenaer,
  vestfjorderklaeringen,
  handlingsplanSsu,
  helgelandserklaeringen,
];
