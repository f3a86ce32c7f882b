import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, type TemplateResult } from 'lit';
import { LanguageController } from './language-controller.js';

/** Renders one string of the table and counts its renders. */
class LanguageProbe extends LitElement {
  readonly language = new LanguageController(this);
  renders = 0;

  protected override render(): TemplateResult {
    this.renders++;
    return html`<p>${this.language.strings.viewer.retry}</p>`;
  }
}
customElements.define('cb-language-probe', LanguageProbe);

/** The text after the update a `lang` change caused (MutationObserver callbacks are microtasks). */
async function shown(probe: LanguageProbe): Promise<string> {
  await Promise.resolve();
  await probe.updateComplete;
  return probe.shadowRoot!.querySelector('p')!.textContent;
}

describe('LanguageController', () => {
  afterEach(() => {
    document.documentElement.lang = 'en';
  });

  it('follows the element’s own lang when it is set or changed', async () => {
    const probe = await fixture<LanguageProbe>(
      html`<cb-language-probe lang="fr"></cb-language-probe>`,
    );
    expect(await shown(probe)).to.equal('Réessayer');
    probe.lang = 'en-GB';
    expect(await shown(probe)).to.equal('Retry');
  });

  it('follows the closest [lang] ancestor when that ancestor’s lang changes', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="en">
        <section><cb-language-probe></cb-language-probe></section>
      </div>`,
    );
    const probe = wrapper.querySelector<LanguageProbe>('cb-language-probe')!;
    expect(await shown(probe)).to.equal('Retry');
    wrapper.lang = 'fr-CA';
    expect(await shown(probe)).to.equal('Réessayer');
  });

  it('falls back to <html lang> and follows it', async () => {
    const probe = await fixture<LanguageProbe>(html`<cb-language-probe></cb-language-probe>`);
    expect(await shown(probe)).to.equal('Retry');
    document.documentElement.lang = 'fr';
    expect(await shown(probe)).to.equal('Réessayer');
  });

  it('follows a [lang] inside the shadow root it sits in, and <html lang> from there', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const body = document.createElement('div');
    const probe = new LanguageProbe();
    body.append(probe);
    root.append(body);
    expect(await shown(probe)).to.equal('Retry');
    body.lang = 'fr';
    expect(await shown(probe)).to.equal('Réessayer');
    body.removeAttribute('lang');
    expect(await shown(probe)).to.equal('Retry');
    document.documentElement.lang = 'fr';
    expect(await shown(probe)).to.equal('Réessayer');
  });

  it('speaks the language of where it is moved to', async () => {
    const french = await fixture<HTMLDivElement>(html`<div lang="fr"></div>`);
    const probe = await fixture<LanguageProbe>(html`<cb-language-probe></cb-language-probe>`);
    expect(await shown(probe)).to.equal('Retry');
    french.append(probe);
    expect(await shown(probe)).to.equal('Réessayer');
  });

  it('does not re-render for a lang change that keeps the language', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="fr"><cb-language-probe></cb-language-probe></div>`,
    );
    const probe = wrapper.querySelector<LanguageProbe>('cb-language-probe')!;
    await shown(probe);
    const renders = probe.renders;
    wrapper.lang = 'fr-BE';
    expect(await shown(probe)).to.equal('Réessayer');
    expect(probe.renders).to.equal(renders);
  });

  it('stops watching once disconnected', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="en"><cb-language-probe></cb-language-probe></div>`,
    );
    const probe = wrapper.querySelector<LanguageProbe>('cb-language-probe')!;
    await shown(probe);
    probe.remove();
    const renders = probe.renders;
    wrapper.lang = 'fr';
    await shown(probe);
    expect(probe.renders).to.equal(renders);
  });
});
