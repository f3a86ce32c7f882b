/**
 * The undefined length (PS3.5 §7.1.1), the encoding's own marker rather than an attribute; the
 * item and delimitation tags (PS3.5 §7.5: Item, ItemDelimitationItem, SequenceDelimitationItem)
 * come from tags.generated.ts like every other tag. Kept apart from element.ts so the element
 * model and the encapsulated pixel data reader do not import each other.
 */
export const UNDEFINED_LENGTH = 0xffffffff;
