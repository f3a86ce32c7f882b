import { expect } from '@open-wc/testing';
import { StallClock } from './stall-clock.js';

describe('StallClock', () => {
  it('notices a stall within five seconds by default', () => {
    expect(new StallClock().timeoutMs).to.equal(5000);
  });

  it('keeps the configured floor while the link never pauses longer', () => {
    const clock = new StallClock(1000);
    for (let i = 0; i < 10; i++) clock.completed(40);
    expect(clock.timeoutMs).to.equal(1000);
  });

  it('waits four times the longest pause of a healthy body on a link that pauses', () => {
    const clock = new StallClock(1000);
    clock.completed(100);
    clock.completed(2500);
    clock.completed(300);
    expect(clock.timeoutMs).to.equal(10_000);
  });

  it('never waits more than 30 s', () => {
    const clock = new StallClock(1000);
    clock.completed(60_000);
    expect(clock.timeoutMs).to.equal(30_000);
  });

  it('forgets a pause once the link has delivered enough bodies without one', () => {
    const clock = new StallClock(1000);
    clock.completed(2000);
    for (let i = 0; i < StallClock.MEMORY; i++) clock.completed(10);
    expect(clock.timeoutMs).to.equal(1000);
  });
});
