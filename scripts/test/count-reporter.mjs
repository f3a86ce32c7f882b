// Writes pass/fail counts of a web-test-runner run to a JSON file, so the
// test driver can print one `N passed, N failed` line over every suite.
import { writeFileSync } from 'node:fs';

/** @param {{ outFile: string }} options */
export function countReporter({ outFile }) {
  return {
    /** @param {{ sessions: Iterable<any> }} args */
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const failures = [];
      /** @param {any} suite @param {string} file @param {string} prefix */
      const walk = (suite, file, prefix) => {
        for (const test of suite.tests) {
          if (test.skipped) skipped++;
          else if (test.passed) passed++;
          else {
            failed++;
            failures.push(`${file}: ${prefix}${test.name}`);
          }
        }
        for (const child of suite.suites) walk(child, file, `${prefix}${child.name} > `);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults, session.testFile, '');
        // A file that failed to load or threw outside a test counts as one failure.
        if (session.errors?.length) {
          failed++;
          failures.push(`${session.testFile}: ${session.errors.map((e) => e.message).join('; ')}`);
        }
      }
      writeFileSync(outFile, JSON.stringify({ passed, failed, skipped, failures }, null, 2));
    },
  };
}
