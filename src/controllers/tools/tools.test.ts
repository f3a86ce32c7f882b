import { expect } from '@open-wc/testing';
import { stringsFor } from '../../i18n/strings.js';
import { pointCount } from './tool-definition.js';
import { measurementTool, TOOLS, toolForKey, toolNamed } from './tools.js';

// Letters the keyboard controller keeps for the view: invert, rotate, flips.
const VIEW_KEYS = ['i', 'r', 'h', 'v'];

describe('tool table', () => {
  it('gives every tool its own id and its own letter, none taken by a view key', () => {
    const ids = TOOLS.map((tool) => tool.id);
    const keys = TOOLS.map((tool) => tool.key);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(new Set(keys).size).to.equal(keys.length);
    for (const key of keys) {
      expect(key, key).to.match(/^[a-z]$/);
      expect(VIEW_KEYS, key).to.not.include(key);
    }
  });

  it('finds each tool by id and by letter, and measurement tools by their kind', () => {
    for (const tool of TOOLS) {
      expect(toolNamed(tool.id)).to.equal(tool);
      expect(toolForKey(tool.key)).to.equal(tool);
      expect(measurementTool(tool.id)).to.equal(tool.kind === 'measurement' ? tool : undefined);
    }
    expect(toolNamed('cobb')).to.equal(undefined);
  });

  it('names every measurement tool in every language and makes it take at least one point', () => {
    for (const tool of TOOLS) {
      if (tool.kind !== 'measurement') continue;
      expect(pointCount(tool), tool.id).to.be.at.least(1);
      for (const locale of ['en', 'fr'] as const)
        expect(stringsFor(locale).viewport.tools[tool.label], `${tool.id} ${locale}`).to.be.a(
          'string',
        ).and.not.be.empty;
    }
  });
});
