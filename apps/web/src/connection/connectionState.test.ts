import { describe, expect, it } from 'vitest';
import { nextSocketHistory, summariseConnection, type SocketHistory } from './connectionState.js';

const connected: SocketHistory = { status: 'connected', everConnected: true, notConnectedSince: 0 };

describe('summariseConnection', () => {
  it('is connected when every section socket is', () => {
    expect(summariseConnection({ browserOnline: true, sockets: [connected, connected], now: 1_000 })).toBe('connected');
  });

  it('is connecting on first contact', () => {
    const first: SocketHistory = { status: 'connecting', everConnected: false, notConnectedSince: 0 };
    expect(summariseConnection({ browserOnline: true, sockets: [connected, first], now: 1_000 })).toBe('connecting');
    expect(summariseConnection({ browserOnline: true, sockets: [], now: 1_000 })).toBe('connecting');
  });

  it('is reconnecting right after a lost line', () => {
    const lost = nextSocketHistory(connected, 'connecting', 5_000);
    expect(summariseConnection({ browserOnline: true, sockets: [connected, lost], now: 6_000 })).toBe('reconnecting');
  });

  it('gives up saying "soon" once the line has been down for a while', () => {
    let lost = nextSocketHistory(connected, 'disconnected', 5_000);
    lost = nextSocketHistory(lost, 'connecting', 7_000);
    lost = nextSocketHistory(lost, 'disconnected', 9_000);
    expect(summariseConnection({ browserOnline: true, sockets: [lost], now: 14_000, offlineAfterMs: 10_000 })).toBe(
      'reconnecting',
    );
    expect(summariseConnection({ browserOnline: true, sockets: [lost], now: 15_000, offlineAfterMs: 10_000 })).toBe(
      'offline',
    );
  });

  it('is offline at once when the browser says so', () => {
    expect(summariseConnection({ browserOnline: false, sockets: [connected], now: 1_000 })).toBe('offline');
  });

  it('is connected again when the line comes back', () => {
    const back = nextSocketHistory(nextSocketHistory(connected, 'disconnected', 5_000), 'connected', 60_000);
    expect(summariseConnection({ browserOnline: true, sockets: [back], now: 61_000 })).toBe('connected');
  });
});
