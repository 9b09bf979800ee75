import { describe, expect, it } from 'vitest';
import type { Case } from '@samraad/schema';
import { caseFormFrom, checkHeaderChange, checkNewCase, emptyCaseForm, fieldProblems, lines } from './caseForm.js';

const sak0422: Case = {
  id: 'lvs-04-2022',
  communityId: 'lvs',
  number: '04-2022',
  body: 'Partnerskapsmøte',
  title: 'Samhandlingsarenaer',
  kind: 'beslutningssak',
  status: 'til_drofting',
  caseOfficers: ['Knut Erik Dahlmo', 'Hilde Rasmussen'],
  documentDate: '2022-09-27',
  meetingDate: '2022-10-04',
  reference: '2022/2936',
  attachments: [],
};

describe('the new case form', () => {
  it('leaves number and reference to the server when they are empty, and reads lists one per line', () => {
    const checked = checkNewCase({
      ...emptyCaseForm('Partnerskapsmøte'),
      title: '  Felles rutine for utskrivning ',
      caseOfficers: 'Sara Moe\n\n  Knut Erik Dahlmo  \n',
      meetingDate: '2026-12-01',
    });
    expect(checked).toEqual({
      ok: true,
      value: {
        title: 'Felles rutine for utskrivning',
        kind: 'beslutningssak',
        body: 'Partnerskapsmøte',
        caseOfficers: ['Sara Moe', 'Knut Erik Dahlmo'],
        documentDate: null,
        meetingDate: '2026-12-01',
        attachments: [],
      },
    });
  });

  it('sends a number and reference given by hand', () => {
    const checked = checkNewCase({ ...emptyCaseForm('SSU'), title: 'Sak', number: '07-2026', reference: '2026/0042' });
    expect(checked.ok && checked.value).toMatchObject({ number: '07-2026', reference: '2026/0042' });
  });

  it('puts a Norwegian problem beside each field the schema refuses', () => {
    const checked = checkNewCase({ ...emptyCaseForm('SSU'), title: ' ', number: '7/2026', reference: '2936' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.problems).sort()).toEqual(['number', 'reference', 'title']);
    expect(checked.problems.number).toMatch(/NN-ÅÅÅÅ/);
    expect(checked.problems.title).toMatch(/tittel/);
  });
});

describe('editing the case header', () => {
  it('starts from the case as the papers print it', () => {
    expect(caseFormFrom(sak0422)).toMatchObject({
      caseOfficers: 'Knut Erik Dahlmo\nHilde Rasmussen',
      reference: '2022/2936',
      attachments: '',
    });
  });

  it('sends only what changed, so edits of other fields are not overwritten', () => {
    const values = { ...caseFormFrom(sak0422), meetingDate: '2022-10-18', attachments: 'Forslag til arenaer\nKart' };
    expect(checkHeaderChange(sak0422, values)).toEqual({
      ok: true,
      value: { meetingDate: '2022-10-18', attachments: [{ title: 'Forslag til arenaer' }, { title: 'Kart' }] },
    });
  });

  it('has nothing to send when nothing changed, and clears a removed reference', () => {
    expect(checkHeaderChange(sak0422, caseFormFrom(sak0422))).toEqual({ ok: true, value: null });
    expect(checkHeaderChange(sak0422, { ...caseFormFrom(sak0422), reference: ' ' })).toEqual({
      ok: true,
      value: { reference: null },
    });
  });

  it('refuses an empty title', () => {
    const checked = checkHeaderChange(sak0422, { ...caseFormFrom(sak0422), title: '' });
    expect(checked.ok || Object.keys(checked.problems)).toEqual(['title']);
  });
});

describe('field problems', () => {
  it('maps the issues of a 400 from the server to the fields, ignoring those it does not show', () => {
    expect(Object.keys(fieldProblems([{ path: 'attachments.0.title' }, { path: 'status' }]))).toEqual(['attachments']);
  });

  it('reads one item per non-empty line', () => {
    expect(lines(' a \n\nb\n ')).toEqual(['a', 'b']);
  });
});
