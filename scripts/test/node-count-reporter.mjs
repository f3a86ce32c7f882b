// node --test reporter that writes leaf test counts as JSON (for the one-line total).
/** @param {AsyncIterable<{ type: string, data: any }>} source */
export default async function* countReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const failures = [];
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite') {
      // A suite that failed outside its tests (a hook, a load error) still counts once.
      if (event.type === 'test:fail' && data.details?.error?.failureType !== 'subtestsFailed') {
        failed++;
        failures.push(`${data.file ?? ''}: ${data.name}`);
      }
      continue;
    }
    if (data.skip || data.todo) skipped++;
    else if (event.type === 'test:pass') passed++;
    else {
      failed++;
      failures.push(`${data.file ?? ''}: ${data.name}`);
    }
  }
  yield JSON.stringify({ passed, failed, skipped, failures }, null, 2);
}
