import chi2gof from "@stdlib/stats-chi2gof";

export interface ChiSquareResult {
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
}

/**
 * Chi-square goodness of fit of observed win counts against expected shares (any positive weights,
 * e.g. stakes as numbers). Categories with no expected share are left out. With no observations there
 * is nothing to reject, so the p-value is 1.
 */
export function chiSquareTest(
  observed: readonly number[],
  expectedShares: readonly number[],
): ChiSquareResult {
  if (observed.length !== expectedShares.length)
    throw new RangeError("observed and expected differ in length");
  const keep = expectedShares.map((share) => share > 0);
  const x = observed.filter((_, i) => keep[i]);
  const shares = expectedShares.filter((_, i) => keep[i]);
  const n = x.reduce((a, b) => a + b, 0);
  if (n === 0 || x.length < 2)
    return { chiSquare: 0, degreesOfFreedom: Math.max(x.length - 1, 0), pValue: 1 };
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const result = chi2gof(
    x,
    shares.map((share) => share / shareSum),
  );
  return { chiSquare: result.statistic, degreesOfFreedom: result.df ?? x.length - 1, pValue: result.pValue };
}
