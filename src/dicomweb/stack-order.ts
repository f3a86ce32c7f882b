/**
 * The order a stack is fetched in: the slice in view first, then every fourth
 * slice outward from it, then every second, then the rest — so that wherever
 * the user scrolls, a loaded slice is at most a few positions away long before
 * the series completes.
 */
export function stackOrder(total: number, start = Math.floor(total / 2)): number[] {
  if (total <= 0) return [];
  const origin = Math.min(total - 1, Math.max(0, Math.trunc(start)));
  const order: number[] = [];
  const seen = new Uint8Array(total);
  for (const step of [4, 2, 1]) {
    for (let distance = 0; distance < total; distance += step) {
      for (const index of distance === 0 ? [origin] : [origin - distance, origin + distance]) {
        if (index >= 0 && index < total && seen[index] === 0) {
          seen[index] = 1;
          order.push(index);
        }
      }
    }
  }
  return order;
}

/**
 * The loaded slice nearest to `index` (ties go to the lower index), or undefined
 * when nothing is loaded: a viewport shows it, marked as a stand-in, until
 * `index` itself arrives.
 */
export function nearestLoaded(
  index: number,
  isLoaded: (index: number) => boolean,
  total: number,
): number | undefined {
  for (let distance = 0; distance < total; distance++) {
    if (index - distance >= 0 && index - distance < total && isLoaded(index - distance))
      return index - distance;
    if (index + distance < total && index + distance >= 0 && isLoaded(index + distance))
      return index + distance;
  }
  return undefined;
}
