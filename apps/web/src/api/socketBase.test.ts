import { describe, expect, it } from 'vitest';
import { socketBase } from './socketBase.js';

describe('socketBase', () => {
  it('uses the page origin with a matching socket scheme', () => {
    expect(socketBase({ protocol: 'http:', host: '127.0.0.1:5173' })).toBe('ws://127.0.0.1:5173/ws');
    expect(socketBase({ protocol: 'https:', host: 'samraad.example.no' })).toBe('wss://samraad.example.no/ws');
  });
});
