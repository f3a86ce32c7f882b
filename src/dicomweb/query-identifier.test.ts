import { expect } from '@open-wc/testing';
import { DicomwebClient } from './dicomweb-client.js';
import { checkIdentifier, InvalidIdentifierError } from './query-identifier.js';

function refusal(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('checkIdentifier', () => {
  it('lets exact identifiers through: HL7 issuers, spaces, accents, hyphens', () => {
    for (const value of ['971-000123', 'ILES-SANTE&1.2.250.1&ISO', 'DUPONT ÉLISE', 'A.B_C'])
      expect(
        refusal(() => {
          checkIdentifier('patient-id', value);
        }),
      ).to.equal(undefined);
    expect(
      refusal(() => {
        checkIdentifier('study', '2.25.1234567890');
      }),
    ).to.equal(undefined);
  });

  it('refuses wildcards, value separators and control characters, never repeating the value', () => {
    for (const value of ['*', '97?', 'A\\B', 'A\u0000', 'A\nB', 'A\u007f', 'A\u0085']) {
      const error = refusal(() => {
        checkIdentifier('accession-number', value);
      });
      expect(error, JSON.stringify(value)).to.be.instanceOf(InvalidIdentifierError);
      expect((error as InvalidIdentifierError).field).to.equal('accession-number');
      expect((error as Error).message).not.to.include(value);
    }
    for (const value of ['2.25.*', '1..2', '1.2.', `1.${'2'.repeat(64)}`, '1.2 3'])
      expect(
        refusal(() => {
          checkIdentifier('study', value);
        }),
        value,
      ).to.be.instanceOf(InvalidIdentifierError);
  });

  it('makes DicomwebClient.searchForStudies reject before any request', async () => {
    const asked: string[] = [];
    const client = new DicomwebClient({
      url: '/nowhere/dicom-web',
      fetch: (input) => {
        asked.push(input instanceof Request ? input.url : input.toString());
        return Promise.resolve(new Response('[]'));
      },
    });
    for (const query of [
      { patientId: '*' },
      { issuerOfPatientId: 'A?' },
      { studyInstanceUid: ['1.2', '*'] },
    ]) {
      const error = await client.searchForStudies(query).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).to.be.instanceOf(InvalidIdentifierError);
    }
    expect(asked).to.deep.equal([]);
  });
});
