/**
 * The launch identity above the grid, in the named slot `identity` (a host puts its own banner
 * there, or restyles this one through `::part(identity)`). Strict traits only (RNIV); the INS is
 * shown for a qualified identity only. Values are rendered as text, never markup.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LaunchIdentity } from '../../launch/launch-identity.js';
import type { IdentityStrings } from '../../i18n/strings.js';
import { insLabel } from './identity-strings.js';

/** DA (YYYYMMDD) as DD/MM/YYYY, the form identity documents use. */
function displayDate(date: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(date);
  return match ? `${match[3] ?? ''}/${match[2] ?? ''}/${match[1] ?? ''}` : date;
}

export function renderIdentityBanner(
  identity: LaunchIdentity | undefined,
  strings: IdentityStrings,
): TemplateResult | typeof nothing {
  if (!identity) return nothing;
  const ins = identity.ins;
  return html`<div part="identity" class="identity" role="note" aria-label=${strings.banner}>
    <slot name="identity">
      <strong class="identity-name"
        >${identity.birthName ?? ''} ${identity.givenNames?.join(' ') ?? ''}</strong
      >
      ${
        identity.birthDate
          ? html`<span>${strings.bornOn} ${displayDate(identity.birthDate)}</span>`
          : nothing
      }
      ${identity.sex ? html`<span>${strings.sex[identity.sex]}</span>` : nothing}
      ${
        identity.birthplaceCode
          ? html`<span>${strings.birthplace} ${identity.birthplaceCode}</span>`
          : nothing
      }
      ${
        ins?.qualified
          ? html`<span class="identity-ins"
              >${insLabel(strings, ins.kind)} <span class="ins-value">${ins.value}</span> ·
              ${strings.qualified}</span
            >`
          : ins
            ? html`<span class="identity-ins not-qualified">${strings.notQualified}</span>`
            : nothing
      }
    </slot>
  </div>`;
}
