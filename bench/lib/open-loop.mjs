// Drives an async call at a constant arrival rate (open loop): calls start on schedule whether or not earlier ones
// finished, as real users' requests do, so a slowing server shows up as latency rather than as fewer requests.
// Each finished call is reported with its latency in ms (or the number the call resolved with, when it measures a
// part of itself); calls beyond `maxInFlight` are skipped and counted.
export function runOpenLoop(call, { ratePerSecond, durationMs, maxInFlight = 256, onDone }) {
  const started = performance.now();
  let issued = 0;
  let inFlight = 0;
  let skipped = 0;
  return new Promise((resolve) => {
    const settled = () => {
      if (inFlight === 0 && performance.now() - started >= durationMs) resolve({ issued, skipped });
    };
    const tick = () => {
      const elapsed = performance.now() - started;
      const due = Math.floor((Math.min(elapsed, durationMs) / 1000) * ratePerSecond);
      while (issued < due) {
        const index = issued;
        issued += 1;
        if (inFlight >= maxInFlight) {
          skipped += 1;
          continue;
        }
        inFlight += 1;
        const start = performance.now();
        call(index)
          .then(
            (value) => onDone({ ms: typeof value === 'number' ? value : performance.now() - start, failed: false }),
            () => onDone({ ms: performance.now() - start, failed: true }),
          )
          .finally(() => {
            inFlight -= 1;
            settled();
          });
      }
      if (elapsed >= durationMs) {
        clearInterval(timer);
        settled();
      }
    };
    const timer = setInterval(tick, 5);
  });
}
