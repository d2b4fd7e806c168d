const LOW = 60;
const HIGH = 100;

/** A resting heart rate drifting a few beats at a time, kept inside 60..100 so it looks plausible. */
export function nextAutoBpm(previous: number | null, random: () => number): number {
  if (previous === null) return LOW + Math.floor(random() * (HIGH - LOW + 1));
  const step = Math.floor(random() * 7) - 3;
  return Math.min(HIGH, Math.max(LOW, previous + step));
}
