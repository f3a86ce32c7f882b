/**
 * The encoding's own markers, not attributes: item and delimitation tags (PS3.5 §7.5, group
 * FFFE, never carrying a VR) and the undefined length (PS3.5 §7.1.1). Kept apart from
 * element.ts so the element model and the encapsulated pixel data reader do not import each
 * other.
 */
export const ITEM_TAG = 0xfffee000;
export const ITEM_DELIMITATION_TAG = 0xfffee00d;
export const SEQUENCE_DELIMITATION_TAG = 0xfffee0dd;
export const UNDEFINED_LENGTH = 0xffffffff;
