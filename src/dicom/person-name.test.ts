import { expect } from '@open-wc/testing';
import { formatPersonName } from './person-name.js';

describe('formatPersonName', () => {
  it('shows the family name first without DICOM carets, as patient identification does', () => {
    expect(formatPersonName('JOSEPH^Marie-Line')).to.equal('JOSEPH Marie-Line');
    expect(formatPersonName('JOSEPH^Marie^Line^Mme')).to.equal('JOSEPH Marie Line');
  });

  it('puts prefix and given name first for signatures', () => {
    expect(formatPersonName('LACROIX^Anne^^Dr', 'given-first')).to.equal('Dr Anne LACROIX');
  });

  it('keeps markup as plain text (it is rendered as text, never HTML)', () => {
    expect(formatPersonName('<img src=x onerror=alert(1)>')).to.equal(
      '<img src=x onerror=alert(1)>',
    );
  });
});
