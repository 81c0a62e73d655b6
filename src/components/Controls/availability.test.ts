import { describe, expect, it } from 'vitest';
import { controlAvailability } from './availability';

describe('controlAvailability', () => {
  it('offers only Start when stopped', () => {
    expect(controlAvailability('STOPPED', false)).toEqual({
      start: true,
      pause: false,
      resume: false,
      step: false,
      stop: false,
    });
  });

  it('offers Pause, Step and Stop when running', () => {
    expect(controlAvailability('RUNNING', false)).toEqual({
      start: false,
      pause: true,
      resume: false,
      step: true,
      stop: true,
    });
  });

  it('offers Resume, Step and Stop when paused', () => {
    expect(controlAvailability('PAUSED', false)).toEqual({
      start: false,
      pause: false,
      resume: true,
      step: true,
      stop: true,
    });
  });

  it('offers only Start (to replay it again) when finished', () => {
    expect(controlAvailability('FINISHED', false)).toEqual({
      start: true,
      pause: false,
      resume: false,
      step: false,
      stop: false,
    });
  });

  it('offers nothing while busy or before the engine answered', () => {
    expect(Object.values(controlAvailability('RUNNING', true)).some(Boolean)).toBe(false);
    expect(Object.values(controlAvailability(null, false)).some(Boolean)).toBe(false);
  });
});
