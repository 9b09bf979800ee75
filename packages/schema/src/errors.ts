import { z } from 'zod';
import type { TransitionRefusal } from './case-flow.js';
import type { DeclarationRefusal } from './declarations.js';
import type { RefusalReason } from './permissions.js';
import type { CorrectionRefusal } from './publication.js';
import type { SectionChangeRefusal } from './section-changes.js';

/** Every error the REST API returns has this body, so the UI can show `message`. */
export const ApiErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** The `error` code of a body that failed validation: not JSON, the wrong shape, or a bad query. */
export type InvalidInputCode = 'invalid_json' | 'invalid_body' | 'invalid_query';

/**
 * Why the server refuses a step, as the `error` code of a 403 or 409 and the reason of a
 * refused socket write. Codes from the shared rules (decide… in this package) and the steps
 * the services refuse themselves; `REFUSAL_TEXT` says each one in Norwegian.
 */
export type RefusalCode =
  | RefusalReason
  | DeclarationRefusal
  | SectionChangeRefusal
  | TransitionRefusal
  | CorrectionRefusal
  | 'no_approval_needed'
  | 'not_in_decision'
  | 'stale_content'
  | 'not_draft'
  | 'no_agreement'
  | 'not_locked'
  | 'already_requested'
  | 'already_confirmed'
  | 'same_side'
  | 'no_consensus_section'
  | 'minutes_locked'
  | 'no_minutes'
  | 'already_published'
  | 'sections_changed'
  | 'no_correction'
  | 'use_status_transition'
  | 'account_exists'
  | 'proposal_stale'
  | 'proposal_closed'
  | 'invitation_other_account';

/**
 * The one Norwegian wording of every refusal. The server answers with it (the body's
 * `message`) and the web app shows it for the code, so a refusal reads the same wherever it
 * is met: a closed socket, an API answer, a disabled button.
 */
export const REFUSAL_TEXT: Record<RefusalCode, string> = {
  // Who may write, approve or sign (decideWrite, decideApproval, decideSignature).
  observer: 'observatører kan lese og kommentere, men ikke skrive, godkjenne eller signere',
  'other-side': 'denne delen skrives av den andre parten',
  'not-a-writer': 'bare medlemmer av en part kan skrive, godkjenne og signere for den',
  'no-access': 'du har ikke tilgang til saken',
  'not-author': 'bare den som skrev, kan endre dette',
  locked: 'teksten er låst etter konsensus og kan ikke endres',
  published: 'saken er publisert; teksten endres bare gjennom en rettelse begge parter godtar',
  'not-approver': 'bare de navngitte godkjennerne kan godkjenne for sin part',
  // Declarations (decideSignature, decideSignatureWithdrawal).
  'not-a-declaration': 'saken er ikke en erklæring',
  'not-agreed': 'erklæringen kan signeres når teksten er vedtatt i konsensus',
  'other-organisation': 'du kan bare signere for din egen organisasjon',
  'already-signed': 'organisasjonen har allerede signert',
  'not-signed': 'organisasjonen har ikke signert',
  'no-title': 'legg inn tittelen din (under navnet ditt øverst) før du signerer; den skrives under signaturen',
  'no-text': 'saken har ingen erklæringstekst å signere',
  'stale-text': 'erklæringsteksten er endret siden du leste den; les den nye teksten og signer på nytt',
  // The case's sections and header (decideSectionChange).
  'section-locked':
    'delen er låst etter konsensus; tittel, eier og selve delen står til begge parter åpner teksten igjen',
  'case-locked':
    'konsensus i saken er låst; en ny innstilling eller partsvurdering kan ikke legges til før teksten er åpnet igjen',
  'second-consensus-section': 'en sak har bare én innstilling til konsensus; det er den partene godkjenner',
  'case-published': 'saken er publisert og frosset; den endres bare gjennom en rettelse som begge parter godtar',
  use_status_transition: 'status endres med statusendring (PUT /api/cases/:id/status), ikke her',
  // The case flow (decideTransition).
  'not-a-transition': 'saken kan ikke flyttes direkte til den statusen',
  'needs-two-steps':
    'saken må drøftes før den kan gå til beslutning, med mindre begge parter har avtalt enstegsbehandling',
  'needs-consensus': 'saken kan ikke publiseres før begge parter har godkjent innstillingen',
  'no-approval-needed': 'en orienteringssak har ingen drøfting eller beslutning',
  // Approval, one-step agreement and reopening.
  no_approval_needed: 'en orienteringssak trenger ingen godkjenning',
  not_in_decision: 'saken er ikke til beslutning; godkjenning er ikke mulig nå',
  stale_content: 'teksten er endret siden du leste den; les den nye teksten og godkjenn på nytt',
  not_draft: 'behandling i ett trinn kan bare avtales eller trekkes mens saken er et utkast',
  no_agreement: 'din side har ikke godtatt behandling i ett trinn',
  not_locked: 'teksten er ikke låst',
  already_requested: 'det finnes allerede en forespørsel om gjenåpning',
  already_confirmed: 'forespørselen er allerede bekreftet',
  same_side: 'den andre parten må bekrefte gjenåpningen',
  no_consensus_section: 'saken har ingen innstilling til konsensus',
  // Meetings.
  minutes_locked: 'protokollen er godkjent og låst; vedtakene kan ikke hentes på nytt',
  no_minutes: 'møtet har ingen protokoll ennå',
  // Publication and corrections (decideCorrectionRequest, decideCorrectionConfirm).
  already_published: 'saken er allerede publisert',
  sections_changed: 'delene ble endret mens saken ble publisert; prøv igjen',
  no_correction: 'saken kan bare publiseres på nytt etter en bekreftet rettelse',
  'not-frozen': 'saken er ikke publisert og frosset; det er ingenting å rette',
  'already-requested': 'det finnes allerede en forespørsel om rettelse',
  'same-side': 'den andre parten må bekrefte rettelsen',
  'already-confirmed': 'forespørselen er allerede bekreftet',
  // Proposals (decideProposalDecision).
  proposal_stale: 'teksten er endret siden forslaget; forslaget kan ikke godtas slik det står',
  proposal_closed: 'forslaget er allerede godtatt eller avvist',
  // Invitations.
  account_exists: 'det finnes allerede en konto for denne e-postadressen; logg inn med den for å godta invitasjonen',
  invitation_other_account: 'invitasjonen gjelder en annen e-postadresse; logg inn som den for å godta den',
};

/** The Norwegian wording for a refusal code; undefined for a code that is not a refusal. */
export function refusalText(code: RefusalCode): string;
export function refusalText(code: string): string | undefined;
export function refusalText(code: string): string | undefined {
  return Object.hasOwn(REFUSAL_TEXT, code) ? REFUSAL_TEXT[code as RefusalCode] : undefined;
}
