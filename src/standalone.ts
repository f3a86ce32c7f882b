/**
 * The standalone build's entry: the whole public API, with every element registered,
 * for a plain `<script type="module" src=".../courbaril.js">` (no bundler, no import map).
 */
import './define.js';
export * from './index.js';
