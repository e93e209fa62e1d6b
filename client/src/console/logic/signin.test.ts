import { describe, expect, it } from 'vitest';
import { endedNote, refusalNote } from './signin';

describe('what the sign-in screen says', () => {
  it('puts the known reasons in the page language', () => {
    expect(refusalNote(401, 'wrong name or password')).toEqual({ key: 'signin.wrong' });
    expect(refusalNote(401, 'wrong code')).toEqual({ key: 'signin.wrongCode' });
    expect(refusalNote(401, 'session timed out')).toEqual({ key: 'signin.timedOut' });
    expect(refusalNote(503, 'the server is busy checking other sign-ins; try again in 1 s')).toMatchObject({ key: 'signin.busyServer' });
    expect(refusalNote(0, 'Failed to fetch')).toEqual({ key: 'signin.network' });
  });

  it('shows any other reason as the server wrote it, and nothing for a plain "not signed in"', () => {
    expect(refusalNote(401, 'sign-in expired; enter your password again')).toEqual({ key: 'signin.ticketExpired' });
    expect(refusalNote(401, 'wrong code; too many tries, enter your password again')).toEqual({ key: 'signin.codeTries' });
    expect(refusalNote(401, 'a reason nobody wrote down yet')).toEqual({ raw: 'a reason nobody wrote down yet' });
    expect(refusalNote(400, 'account disabled')).toEqual({ raw: 'account disabled' });
    expect(refusalNote(401, 'not signed in')).toBeNull();
  });

  it('tells a timed-out session from one that was ended', () => {
    expect(endedNote('session timed out')).toEqual({ key: 'signin.timedOut' });
    expect(endedNote('not signed in')).toEqual({ key: 'signin.expired' });
    expect(endedNote('session timed out: sign in again')).toEqual({ key: 'signin.timedOut' });
    expect(endedNote(null)).toEqual({ key: 'signin.expired' });
    expect(endedNote('session ended')).toEqual({ key: 'signin.expired' });
    expect(endedNote('your role was changed')).toEqual({ key: 'signin.endedBecause', reasonKey: 'ended.roleChanged' });
    expect(endedNote('the moon is full')).toEqual({ key: 'signin.endedBecause', params: { reason: 'the moon is full' } });
  });
});
