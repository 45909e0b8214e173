// How a figure grows with the spec: the factor it is multiplied by for every ×10 of operations
// between two sizes, (b / a) ^ (1 / log10(nb / na)). A figure that grows linearly gives ×10, a
// fixed one ×1; between 400 and 2,000 operations a linear figure is multiplied by 5, which is
// also ×10 "per ×10". The exponent (log10 of the factor) is 1 for linear growth.

export function perTenfold(a: number, b: number, operationsA: number, operationsB: number): number {
  if (a <= 0 || b <= 0) return Number.NaN;
  return (b / a) ** (1 / Math.log10(operationsB / operationsA));
}

/** At most linear, with a margin for the noise of a shared machine: an exponent up to 1.1. */
export const LINEAR_LIMIT = 10 ** 1.1;

export function atMostLinear(factor: number): boolean {
  return Number.isFinite(factor) && factor <= LINEAR_LIMIT;
}
