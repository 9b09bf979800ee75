/**
 * Crash injection for the crash tests, and nothing else: when SAMRAAD_FAULT_POINT names a
 * point, the process kills itself there with SIGKILL (no shutdown hook, no rollback in this
 * process), so a test can show the database holds no half-done unit of work after a restart.
 * Unset in every real deployment; read once at start.
 */
const armed = process.env['SAMRAAD_FAULT_POINT'] ?? '';

export function faultPoint(name: string): void {
  if (armed === name) process.kill(process.pid, 'SIGKILL');
}
