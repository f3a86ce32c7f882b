/** The `scale` attribute: 'fit', or a positive number of CSS pixels per image pixel. */
export const scaleConverter = {
  fromAttribute: (value: string | null): 'fit' | number => {
    const number = Number(value);
    return value === null || value === 'fit' || !(number > 0) ? 'fit' : number;
  },
  toAttribute: (value: 'fit' | number): string => String(value),
};
